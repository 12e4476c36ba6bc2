/**
 * Customers and their money: accounts, payment methods, orders, installments that agree with
 * the order's plan, the transactions that paid (or failed to pay) them, and returns.
 * Everything is consistent with `now`: past collections happened, future ones are scheduled.
 */
import { Faker } from '@faker-js/faker';
import type { PaymentPlan } from '../../shared/domain';
import { REFERENCE_ALPHABET } from '../../shared/reference';
import { seededUuidV7, type Rng } from './rng';
import {
  APP_VERSIONS,
  BANK_DECLINE_REASONS,
  BANK_LINK_FAILURE_REASONS,
  CARD_DECLINE_REASONS,
  DEVICES,
  MARKETS,
  MERCHANTS,
  REGIONS,
  RETURN_REASONS,
  VERIFICATION_FAILURE_REASONS,
  type MarketSpec,
  type MerchantSpec,
  type RegionSpec,
} from './world-catalog';
import type {
  AccountDbRow,
  CustomerDbRow,
  InstallmentDbRow,
  OrderDbRow,
  PaymentMethodDbRow,
  ReturnDbRow,
  TransactionDbRow,
} from './world-rows';
import { addDays, addMonths, DAY_MS, HOUR_MS, iso, localDate, MINUTE_MS, zonedTime } from './zoned-time';

export interface DemoDevice {
  appVersion: string;
  os: string;
  browser: string;
  lastSeenAt: string;
}

export interface DemoInstallment {
  row: InstallmentDbRow;
  /** When collection was (or will be) attempted. */
  collectMs: number;
  /** The collection failed at least once (whether or not it was paid later). */
  missed: boolean;
  failed: TransactionDbRow[];
  payment: TransactionDbRow | null;
  fee: TransactionDbRow | null;
}

export interface DemoReturn {
  row: ReturnDbRow;
  createdMs: number;
  shippedMs: number;
  receivedMs: number;
  decidedMs: number;
  outcome: 'refunded' | 'rejected';
  full: boolean;
  /** The item sent back on a partial return. */
  itemName: string | null;
  refund: TransactionDbRow | null;
}

export interface DemoOrder {
  row: OrderDbRow;
  placedMs: number;
  merchantSpec: MerchantSpec;
  items: { name: string; quantity: number; amountMinor: number }[];
  plan: PaymentPlan;
  method: PaymentMethodDbRow;
  installments: DemoInstallment[];
  ret: DemoReturn | null;
  purchase: TransactionDbRow;
}

export interface DemoCustomer {
  row: CustomerDbRow;
  firstName: string;
  createdMs: number;
  region: RegionSpec;
  market: MarketSpec;
  device: DemoDevice | null;
  riskFlags: string[];
  account: AccountDbRow;
  paymentMethods: PaymentMethodDbRow[];
  orders: DemoOrder[];
  /** Pays late more often than most (drives missed payments and hardship). */
  shaky: boolean;
}

export interface CommerceRows {
  customers: CustomerDbRow[];
  accounts: AccountDbRow[];
  payment_methods: PaymentMethodDbRow[];
  orders: OrderDbRow[];
  installments: InstallmentDbRow[];
  transactions: TransactionDbRow[];
  returns: ReturnDbRow[];
}

interface Ctx {
  rng: Rng;
  ids: Rng;
  nowMs: number;
  fakers: Map<MarketSpec, Faker>;
  emails: Set<string>;
  orderNumbers: Set<string>;
  txnRefs: Set<string>;
  rows: CommerceRows;
}

const ASCII_FOLD: Record<string, string> = { ß: 'ss', æ: 'ae', ø: 'o', å: 'a', ä: 'a', ö: 'o', ü: 'u', œ: 'oe', ł: 'l', đ: 'd' };

function emailPart(s: string): string {
  return s
    .toLowerCase()
    .replace(/[ßæøåäöüœłđ]/g, (c) => ASCII_FOLD[c] ?? c)
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '');
}

function txnReference(c: Ctx): string {
  for (;;) {
    let s = 'TX';
    for (let i = 0; i < 10; i++) s += REFERENCE_ALPHABET[c.rng.int(REFERENCE_ALPHABET.length)];
    if (!c.txnRefs.has(s)) {
      c.txnRefs.add(s);
      return s;
    }
  }
}

function orderNumber(c: Ctx): string {
  for (;;) {
    const n = `ORD-${c.rng.intBetween(1_000_000, 9_999_999)}`;
    if (!c.orderNumbers.has(n)) {
      c.orderNumbers.add(n);
      return n;
    }
  }
}

function price(c: Ctx, market: MarketSpec, eurMin: number, eurMax: number): number {
  const major = c.rng.between(eurMin, eurMax) * market.priceFactor;
  if (market.wholeUnitPrices) return Math.max(9, Math.round(major / 10) * 10 - 1) * 100;
  const cents = c.rng.weighted([[99, 6], [95, 2], [0, 2]] as const);
  return Math.max(1, Math.floor(major)) * 100 + cents;
}

/** Splits a total into n parts that sum exactly; the first parts carry the remainder cents. */
export function splitAmount(total: number, n: number): number[] {
  const base = Math.floor(total / n);
  const rem = total - base * n;
  return Array.from({ length: n }, (_, i) => base + (i < rem ? 1 : 0));
}

function newTxn(
  c: Ctx,
  customer: DemoCustomer,
  fields: Pick<TransactionDbRow, 'kind' | 'status' | 'amount_minor' | 'rail'> & {
    orderId: string | null;
    installmentId: string | null;
    createdMs: number;
    settledMs: number | null;
    failureReason?: string | null;
  },
): TransactionDbRow {
  return {
    id: seededUuidV7(c.ids, fields.createdMs),
    customer_id: customer.row.id,
    order_id: fields.orderId,
    installment_id: fields.installmentId,
    kind: fields.kind,
    status: fields.status,
    amount_minor: fields.amount_minor,
    currency: customer.row.currency,
    reference: txnReference(c),
    rail: fields.rail,
    failure_reason: fields.failureReason ?? null,
    created_at: iso(fields.createdMs),
    settled_at: fields.settledMs === null ? null : iso(fields.settledMs),
  };
}

const railOf = (pm: PaymentMethodDbRow): string => (pm.kind === 'card' ? 'card' : 'direct_debit');

function declineReason(c: Ctx, pm: PaymentMethodDbRow): string {
  if (pm.kind === 'card') {
    if (pm.status === 'expired') return 'Card expired';
    return c.rng.weighted([[CARD_DECLINE_REASONS[0], 60], [CARD_DECLINE_REASONS[1], 15], [CARD_DECLINE_REASONS[3], 15], [CARD_DECLINE_REASONS[4], 3]] as const);
  }
  return c.rng.weighted([[BANK_DECLINE_REASONS[0], 80], [BANK_DECLINE_REASONS[1], 12], [BANK_DECLINE_REASONS[2], 8]] as const);
}

// ---------------------------------------------------------------------------------------------
// customers

function makeCustomer(c: Ctx): DemoCustomer {
  const { rng, nowMs } = c;
  const region = rng.weighted(REGIONS.map((r) => [r, r.weight] as const));
  const markets = MARKETS.filter((m) => m.region === region.id);
  const market = rng.weighted(markets.map((m) => [m, m.weight] as const));
  const faker = c.fakers.get(market) as Faker;
  const timeZone = market.timeZones.length === 1 ? (market.timeZones[0] as string) : rng.weighted(market.timeZones.map((z, i) => [z, i === 0 ? 4 : 2] as const));
  const sex = rng.chance(0.5) ? 'female' : 'male';
  const firstName = faker.person.firstName(sex);
  const lastName = faker.person.lastName(sex);
  const name = `${firstName} ${lastName}`;
  const domain = rng.pick(market.emailDomains);
  let local = `${emailPart(firstName)}.${emailPart(lastName)}`;
  if (c.emails.has(`${local}@${domain}`) || rng.chance(0.3)) local += String(rng.intBetween(1, 99));
  while (c.emails.has(`${local}@${domain}`)) local += String(rng.int(10));
  const email = `${local}@${domain}`;
  c.emails.add(email);
  const phone = faker.phone.number({ style: 'international' });

  const isNew = rng.chance(0.05);
  const createdMs = isNew ? nowMs - rng.between(1, 25) * DAY_MS : nowMs - rng.between(61, 1100) * DAY_MS;
  const shaky = rng.chance(0.14);

  const riskFlags: string[] = [];
  if (rng.chance(0.015)) riskFlags.push('fraud_hold');
  if (rng.chance(0.02)) riskFlags.push('vulnerability');
  if (rng.chance(shaky ? 0.12 : 0.01)) riskFlags.push('hardship');

  let device: DemoDevice | null = null;
  if (rng.chance(0.92)) {
    const [os, browser] = rng.weighted(DEVICES.map((d) => [[d[0], d[1]] as const, d[2]] as const));
    const appVersion = rng.weighted(APP_VERSIONS.map((v, i) => [v, [40, 20, 15, 10, 10, 5][i] ?? 1] as const));
    const lastSeen = Math.max(createdMs + HOUR_MS, nowMs - rng.logNormal(2 * DAY_MS, 1.2));
    device = { appVersion, os, browser, lastSeenAt: iso(Math.min(lastSeen, nowMs - MINUTE_MS)) };
  }

  const id = seededUuidV7(c.ids, createdMs);
  const row: CustomerDbRow = {
    id,
    name,
    email,
    phone,
    locale: market.locale,
    time_zone: timeZone,
    region_id: region.id,
    country: market.country,
    currency: region.currency,
    device_json: device ? JSON.stringify(device) : null,
    risk_flags_json: JSON.stringify(riskFlags),
    created_at: iso(createdMs),
    identity: 'verified',
  };

  // verification
  let verification: AccountDbRow['verification_status'];
  if (isNew) verification = rng.weighted([['pending', 40], ['not_started', 20], ['failed', 22], ['verified', 18]] as const);
  else verification = rng.weighted([['verified', 95], ['failed', 3], ['pending', 2]] as const);
  let attempts = 0;
  let failureReason: string | null = null;
  switch (verification) {
    case 'verified':
      attempts = rng.weighted([[1, 85], [2, 11], [3, 4]] as const);
      break;
    case 'failed':
      attempts = rng.weighted([[1, 30], [2, 30], [3, 25], [4, 10], [5, 5]] as const);
      failureReason = rng.pick(VERIFICATION_FAILURE_REASONS);
      break;
    case 'pending':
      attempts = rng.weighted([[1, 70], [2, 30]] as const);
      failureReason = attempts > 1 ? rng.pick(VERIFICATION_FAILURE_REASONS) : null;
      break;
    case 'not_started':
      attempts = 0;
      break;
  }
  const [limMin, limMax] = market.spendingLimitMajor;
  const step = market.limitStep;
  const limitMajor = verification === 'verified' ? Math.round(rng.between(limMin, limMax) / step) * step : 0;
  const account: AccountDbRow = {
    id: seededUuidV7(c.ids, createdMs),
    customer_id: id,
    status: riskFlags.includes('fraud_hold') ? 'locked' : 'active',
    verification_status: verification,
    verification_attempts: attempts,
    verification_failure_reason: failureReason,
    spending_limit_minor: limitMajor * 100,
    currency: region.currency,
  };

  const customer: DemoCustomer = {
    row,
    firstName,
    createdMs,
    region,
    market,
    device,
    riskFlags,
    account,
    paymentMethods: [],
    orders: [],
    shaky,
  };
  customer.paymentMethods = makePaymentMethods(c, customer);
  if (verification === 'verified' || (!isNew && verification !== 'not_started')) {
    const count = rng.weighted([[0, 8], [1, 22], [2, 24], [3, 18], [4, 12], [5, 9], [6, 7]] as const);
    const times: number[] = [];
    const lower = Math.max(createdMs + DAY_MS, nowMs - 365 * DAY_MS);
    for (let i = 0; i < count; i++) times.push(nowMs - 20 * MINUTE_MS - (nowMs - 20 * MINUTE_MS - lower) * rng.next() ** 1.6);
    times.sort((a, b) => a - b);
    for (const t of times) customer.orders.push(makeOrder(c, customer, t));
  }

  // the last decline on each method, and collections for long-overdue customers
  const lastDecline = new Map<string, { at: string; reason: string }>();
  let longOverdue = false;
  for (const o of customer.orders) {
    for (const inst of o.installments) {
      for (const f of inst.failed) {
        const prev = lastDecline.get(o.method.id);
        if (!prev || prev.at < f.created_at) lastDecline.set(o.method.id, { at: f.created_at, reason: f.failure_reason ?? 'Declined' });
      }
      if (inst.row.status === 'overdue' && nowMs - inst.collectMs > 30 * DAY_MS) longOverdue = true;
    }
  }
  for (const pm of customer.paymentMethods) {
    const d = lastDecline.get(pm.id);
    if (d) pm.last_decline_reason = d.reason;
  }
  if (account.status === 'active' && longOverdue && rng.chance(0.5)) account.status = 'collections';
  else if (account.status === 'active' && rng.chance(0.008)) account.status = 'locked';

  return customer;
}

function makePaymentMethods(c: Ctx, customer: DemoCustomer): PaymentMethodDbRow[] {
  const { rng, nowMs } = c;
  const count = rng.weighted([[1, 55], [2, 33], [3, 12]] as const);
  const out: PaymentMethodDbRow[] = [];
  for (let i = 0; i < count; i++) {
    const kind = rng.chance(i === 0 ? 0.7 : 0.5) ? 'card' : 'bank_account';
    const last4 = String(rng.int(10_000)).padStart(4, '0');
    let brand: string;
    let expiry: string | null = null;
    let status: PaymentMethodDbRow['status'] = 'active';
    if (kind === 'card') {
      brand = rng.weighted(customer.market.cardBrands);
      const expired = i === 0 ? rng.chance(0.04) : rng.chance(0.2);
      const expMs = expired ? nowMs - rng.between(20, 400) * DAY_MS : nowMs + rng.between(40, 1800) * DAY_MS;
      const d = new Date(expMs);
      expiry = `${String(d.getUTCMonth() + 1).padStart(2, '0')}/${String(d.getUTCFullYear() % 100).padStart(2, '0')}`;
      if (expired) status = 'expired';
    } else {
      brand = rng.pick(customer.market.banks);
      const v = customer.account.verification_status;
      if ((v === 'failed' || v === 'pending') && rng.chance(0.5)) status = 'failed_verification';
    }
    out.push({
      id: seededUuidV7(c.ids, customer.createdMs + i * MINUTE_MS),
      customer_id: customer.row.id,
      kind,
      brand,
      last4,
      expiry,
      is_default: i === 0 ? 1 : 0,
      status,
      last_decline_reason: status === 'failed_verification' ? rng.pick(BANK_LINK_FAILURE_REASONS) : null,
    });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// orders

function makeOrder(c: Ctx, customer: DemoCustomer, placedMs: number): DemoOrder {
  const { rng, nowMs } = c;
  const market = customer.market;
  const merchant = rng.weighted(MERCHANTS.map((m) => [m, m.weight] as const));
  const itemCount = Math.min(merchant.items.length, rng.weighted([[1, 55], [2, 30], [3, 12], [4, 3]] as const));
  const pool = [...merchant.items];
  const items: DemoOrder['items'] = [];
  for (let i = 0; i < itemCount; i++) {
    const [name, lo, hi] = pool.splice(rng.int(pool.length), 1)[0] as readonly [string, number, number];
    const quantity = hi < 100 && rng.chance(0.15) ? 2 : 1;
    items.push({ name, quantity, amountMinor: price(c, market, lo, hi) * quantity });
  }
  const total = items.reduce((s, it) => s + it.amountMinor, 0);
  const eurTotal = total / 100 / market.priceFactor;

  let plan: PaymentPlan;
  if (eurTotal >= 300 && rng.chance(0.35)) plan = 'financing';
  else plan = rng.weighted([['pay_in_4', 55], ['pay_in_30', 25], ['pay_now', 20]] as const);
  const active = customer.paymentMethods.filter((p) => p.status === 'active');
  const method = active.length > 0 && rng.chance(0.85) ? (active[0] as PaymentMethodDbRow) : rng.pick(customer.paymentMethods);

  const orderId = seededUuidV7(c.ids, placedMs);
  const row: OrderDbRow = {
    id: orderId,
    customer_id: customer.row.id,
    order_number: orderNumber(c),
    merchant: merchant.name,
    items_json: JSON.stringify(items),
    total_minor: total,
    currency: customer.row.currency,
    plan,
    status: 'active',
    placed_at: iso(placedMs),
    return_window_ends_at: iso(placedMs + merchant.returnDays * DAY_MS),
  };
  c.rows.orders.push(row);

  const purchase = newTxn(c, customer, {
    kind: 'purchase',
    status: 'settled',
    amount_minor: total,
    rail: plan === 'pay_now' ? railOf(method) : 'pay_later',
    orderId,
    installmentId: null,
    createdMs: placedMs,
    settledMs: placedMs + rng.intBetween(1, 4) * 1000,
  });
  c.rows.transactions.push(purchase);

  const order: DemoOrder = { row, placedMs, merchantSpec: merchant, items, plan, method, installments: [], ret: null, purchase };

  // a return decided before the payments, because an open return pauses them
  const ageMs = nowMs - placedMs;
  if (ageMs > 2 * DAY_MS && rng.chance(0.09)) order.ret = makeReturn(c, customer, order);

  makeInstallments(c, customer, order);
  applyReturn(c, customer, order);

  const allPaid = order.installments.every((i) => i.row.status === 'paid');
  if (order.ret?.row.status === 'refunded' && order.ret.full) row.status = 'refunded';
  else if (allPaid && !(order.ret && ['requested', 'in_transit', 'received'].includes(order.ret.row.status))) row.status = 'completed';

  for (const inst of order.installments) {
    c.rows.installments.push(inst.row);
    for (const f of inst.failed) c.rows.transactions.push(f);
    if (inst.payment) c.rows.transactions.push(inst.payment);
    if (inst.fee) c.rows.transactions.push(inst.fee);
  }
  if (order.ret) {
    c.rows.returns.push(order.ret.row);
    if (order.ret.refund) c.rows.transactions.push(order.ret.refund);
  }
  return order;
}

function dueDates(plan: PaymentPlan, placedDate: string, rng: Rng, big: boolean): string[] {
  switch (plan) {
    case 'pay_in_4':
      return [0, 14, 28, 42].map((d) => addDays(placedDate, d));
    case 'pay_in_30':
      return [addDays(placedDate, 30)];
    case 'financing': {
      const months = big ? rng.weighted([[12, 55], [24, 45]] as const) : rng.weighted([[6, 60], [12, 40]] as const);
      return Array.from({ length: months }, (_, i) => addMonths(placedDate, i + 1));
    }
    case 'pay_now':
      return [];
  }
}

function makeInstallments(c: Ctx, customer: DemoCustomer, order: DemoOrder): void {
  const { rng, nowMs } = c;
  const tz = customer.row.time_zone;
  const big = order.row.total_minor / 100 / customer.market.priceFactor >= 1000;
  const dates = dueDates(order.plan, localDate(order.placedMs, tz), rng, big);
  const amounts = splitAmount(order.row.total_minor, dates.length);
  const forceReliable = order.ret !== null;
  let previousUnrecovered = false;
  dates.forEach((due, idx) => {
    const number = idx + 1;
    const amount = amounts[idx] as number;
    const atCheckout = order.plan === 'pay_in_4' && number === 1;
    const collectMs = atCheckout ? order.placedMs + 2000 : zonedTime(due, 7, rng.int(60), tz);
    const id = seededUuidV7(c.ids, order.placedMs);
    const row: InstallmentDbRow = {
      id,
      order_id: order.row.id,
      customer_id: customer.row.id,
      number,
      due_date: due,
      amount_minor: amount,
      currency: customer.row.currency,
      status: 'scheduled',
      paid_at: null,
      late_fee_minor: 0,
    };
    const inst: DemoInstallment = { row, collectMs, missed: false, failed: [], payment: null, fee: null };
    order.installments.push(inst);
    const method = order.method;
    const rail = railOf(method);
    const txnBase = { orderId: order.row.id, installmentId: id, amount_minor: amount };

    if (atCheckout) {
      const settled = collectMs + rng.intBetween(2, 30) * 1000;
      inst.payment = newTxn(c, customer, { ...txnBase, kind: 'payment', status: 'settled', rail: method.kind === 'card' ? 'card' : 'bank_transfer', createdMs: collectMs, settledMs: settled });
      row.status = 'paid';
      row.paid_at = iso(settled);
      return;
    }

    if (collectMs > nowMs) {
      // a direct debit is initiated two days ahead and is pending until the due date
      if (rail === 'direct_debit' && collectMs - 2 * DAY_MS <= nowMs) {
        inst.payment = newTxn(c, customer, { ...txnBase, kind: 'payment', status: 'pending', rail, createdMs: collectMs - 2 * DAY_MS, settledMs: null });
      }
      return;
    }

    let missRate = previousUnrecovered ? 0.7 : customer.shaky ? 0.22 : 0.012;
    if (method.status !== 'active') missRate = Math.max(missRate, 0.6);
    if (forceReliable || !rng.chance(missRate)) {
      // collected as planned (or paid early by bank transfer)
      let createdMs: number;
      let settledMs: number;
      let payRail = rail;
      if (rng.chance(0.08)) {
        payRail = 'bank_transfer';
        createdMs = Math.max(order.placedMs + HOUR_MS, collectMs - rng.between(2, 8) * DAY_MS);
        settledMs = Math.min(createdMs + rng.between(0.8, 2.5) * DAY_MS, collectMs - HOUR_MS);
        if (settledMs <= createdMs) {
          payRail = rail;
          createdMs = collectMs;
          settledMs = collectMs + rng.intBetween(2, 30) * 1000;
        }
      } else if (rail === 'direct_debit') {
        createdMs = Math.max(order.placedMs + HOUR_MS, collectMs - 2 * DAY_MS);
        settledMs = collectMs;
      } else {
        createdMs = collectMs;
        settledMs = collectMs + rng.intBetween(2, 30) * 1000;
      }
      inst.payment = newTxn(c, customer, { ...txnBase, kind: 'payment', status: 'settled', rail: payRail, createdMs, settledMs });
      row.status = 'paid';
      row.paid_at = iso(settledMs);
      previousUnrecovered = false;
      return;
    }

    // the collection failed
    inst.missed = true;
    const failAt = (at: number) => {
      inst.failed.push(newTxn(c, customer, { ...txnBase, kind: 'payment', status: 'failed', rail, createdMs: at, settledMs: null, failureReason: declineReason(c, method) }));
    };
    failAt(collectMs);
    const lateFee = Math.min(customer.market.lateFeeMinor, Math.floor(amount / 4));
    const chargeFee = (at: number) => {
      row.late_fee_minor = lateFee;
      inst.fee = newTxn(c, customer, { orderId: order.row.id, installmentId: id, kind: 'fee', status: 'settled', amount_minor: lateFee, rail: 'internal', createdMs: at, settledMs: at });
    };
    const elapsed = nowMs - collectMs;
    const recoverAt = collectMs + rng.between(1, 12) * DAY_MS;
    if (recoverAt < nowMs - HOUR_MS && rng.chance(0.6)) {
      if (collectMs + 3 * DAY_MS < recoverAt) failAt(collectMs + 3 * DAY_MS);
      const byTransfer = method.kind === 'bank_account' || rng.chance(0.3);
      const settledMs = byTransfer ? recoverAt + rng.between(0.7, 2.5) * DAY_MS : recoverAt + rng.intBetween(3, 40) * 1000;
      const settled = settledMs <= nowMs;
      if (collectMs + 10 * DAY_MS < Math.min(settledMs, nowMs) && rng.chance(0.7)) chargeFee(collectMs + 10 * DAY_MS);
      inst.payment = newTxn(c, customer, {
        ...txnBase,
        kind: 'payment',
        status: settled ? 'settled' : 'pending',
        rail: byTransfer ? 'bank_transfer' : 'card',
        createdMs: recoverAt,
        settledMs: settled ? settledMs : null,
      });
      if (settled) {
        row.status = 'paid';
        row.paid_at = iso(settledMs);
        previousUnrecovered = false;
      } else {
        row.status = elapsed > 5 * DAY_MS ? 'overdue' : 'failed';
        previousUnrecovered = true;
      }
      return;
    }
    if (collectMs + 3 * DAY_MS <= nowMs) failAt(collectMs + 3 * DAY_MS);
    if (collectMs + 7 * DAY_MS <= nowMs) failAt(collectMs + 7 * DAY_MS);
    if (collectMs + 10 * DAY_MS <= nowMs && rng.chance(0.75)) chargeFee(collectMs + 10 * DAY_MS);
    row.status = elapsed > 5 * DAY_MS ? 'overdue' : 'failed';
    previousUnrecovered = true;
    // some customers have just paid by bank transfer, which has not landed yet
    if (rng.chance(0.25)) {
      const created = nowMs - rng.between(3 * HOUR_MS, 2.5 * DAY_MS);
      if (created > collectMs + HOUR_MS) {
        inst.payment = newTxn(c, customer, { ...txnBase, kind: 'payment', status: 'pending', rail: 'bank_transfer', createdMs: created, settledMs: null });
      }
    }
  });
}

// ---------------------------------------------------------------------------------------------
// returns

function makeReturn(c: Ctx, customer: DemoCustomer, order: DemoOrder): DemoReturn {
  const { rng, nowMs } = c;
  const ageMs = nowMs - order.placedMs;
  const upper = Math.min(order.merchantSpec.returnDays * DAY_MS, ageMs - HOUR_MS);
  const lower = Math.min(2 * DAY_MS, upper / 2);
  const createdMs = order.placedMs + rng.between(lower, upper);
  const shippedMs = createdMs + rng.between(0.3, 3) * DAY_MS;
  const receivedMs = shippedMs + rng.between(2, 5) * DAY_MS;
  const decidedMs = receivedMs + rng.between(0.5, 4) * DAY_MS;
  const outcome = rng.chance(0.08) ? 'rejected' : 'refunded';
  const full = order.items.length === 1 || rng.chance(0.7);
  const partialItem = full ? null : rng.pick(order.items);
  let status: ReturnDbRow['status'];
  if (nowMs < shippedMs) status = 'requested';
  else if (nowMs < receivedMs) status = 'in_transit';
  else if (nowMs < decidedMs) status = 'received';
  else status = outcome;
  const row: ReturnDbRow = {
    id: seededUuidV7(c.ids, createdMs),
    order_id: order.row.id,
    customer_id: customer.row.id,
    status,
    reason: rng.pick(RETURN_REASONS),
    refund_amount_minor: partialItem ? partialItem.amountMinor : order.row.total_minor,
    currency: customer.row.currency,
    refund_date: status === 'refunded' ? localDate(decidedMs, customer.row.time_zone) : null,
    created_at: iso(createdMs),
  };
  return { row, createdMs, shippedMs, receivedMs, decidedMs, outcome, full: partialItem === null, itemName: partialItem?.name ?? null, refund: null };
}

/**
 * An open return pauses every installment not paid before the return was registered; a full
 * refund settles those installments from the refund ("refund_offset") and pays the rest back.
 */
function applyReturn(c: Ctx, customer: DemoCustomer, order: DemoOrder): void {
  const ret = order.ret;
  if (!ret) return;
  const { rng, nowMs } = c;
  const status = ret.row.status;
  const open = status === 'requested' || status === 'in_transit' || status === 'received';
  const fullRefund = status === 'refunded' && ret.full;
  if (open || fullRefund) {
    for (const inst of order.installments) {
      const paidBefore = inst.row.status === 'paid' && inst.row.paid_at !== null && Date.parse(inst.row.paid_at) < ret.createdMs;
      if (paidBefore) continue;
      inst.failed = [];
      inst.fee = null;
      inst.row.late_fee_minor = 0;
      if (open) {
        inst.payment = null;
        inst.row.status = 'paused';
        inst.row.paid_at = null;
      } else {
        inst.payment = newTxn(c, customer, {
          kind: 'payment',
          status: 'settled',
          amount_minor: inst.row.amount_minor,
          rail: 'refund_offset',
          orderId: order.row.id,
          installmentId: inst.row.id,
          createdMs: ret.decidedMs,
          settledMs: ret.decidedMs,
        });
        inst.row.status = 'paid';
        inst.row.paid_at = iso(ret.decidedMs);
      }
    }
  }
  if (status !== 'refunded') return;
  // the cash that goes back: a partial refund in full, a full refund minus what it settled
  let cash = ret.row.refund_amount_minor;
  if (fullRefund) {
    cash = 0;
    if (order.plan === 'pay_now') cash = order.row.total_minor;
    for (const inst of order.installments) if (inst.payment && inst.payment.rail !== 'refund_offset') cash += inst.row.amount_minor;
  }
  if (cash <= 0) return;
  const settledMs = ret.decidedMs + rng.between(1, 4) * DAY_MS;
  ret.refund = newTxn(c, customer, {
    kind: 'refund',
    status: settledMs <= nowMs ? 'settled' : 'pending',
    amount_minor: cash,
    rail: order.method.kind === 'card' ? 'card' : 'bank_transfer',
    orderId: order.row.id,
    installmentId: null,
    createdMs: ret.decidedMs,
    settledMs: settledMs <= nowMs ? settledMs : null,
  });
}

// ---------------------------------------------------------------------------------------------

export function generateCommerce(rng: Rng, ids: Rng, nowMs: number, customerCount: number): { customers: DemoCustomer[]; rows: CommerceRows } {
  const fakers = new Map<MarketSpec, Faker>();
  for (const m of MARKETS) {
    const f = new Faker({ locale: m.fakerLocale });
    f.seed(rng.uint32());
    fakers.set(m, f);
  }
  const rows: CommerceRows = { customers: [], accounts: [], payment_methods: [], orders: [], installments: [], transactions: [], returns: [] };
  const c: Ctx = { rng, ids, nowMs, fakers, emails: new Set(), orderNumbers: new Set(), txnRefs: new Set(), rows };
  const customers: DemoCustomer[] = [];
  for (let i = 0; i < customerCount; i++) {
    const customer = makeCustomer(c);
    customers.push(customer);
    rows.customers.push(customer.row);
    rows.accounts.push(customer.account);
    rows.payment_methods.push(...customer.paymentMethods);
  }
  return { customers, rows };
}
