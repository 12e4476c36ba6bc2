/**
 * The fixed parts of the demo world: regions, markets, the demo agents, merchants and the
 * vocabulary (banks, decline reasons, return reasons) the generator draws from.
 */
import { base, de, de_AT, en, en_AU, en_GB, en_US, sv, type LocaleDefinition } from '@faker-js/faker';
import type { Role, Tier } from '../../shared/domain';
import type { CalendarException, Interval } from '../calendar/model';
import { WEEKDAYS, type BusinessHours } from './zoned-time';

export type RegionId = 'eu-north' | 'eu-central' | 'uk' | 'na' | 'au';

export interface RegionSpec {
  id: RegionId;
  name: string;
  timeZone: string;
  locale: string;
  currency: string;
  hours: BusinessHours;
  phone: string | null;
  firstResponseTargetSec: number;
  /** Whose public holidays apply (date-holidays code), what stays open on them, and the manual exceptions of a year. */
  holidayCountry: string;
  holidayHours: Interval[];
  exceptions: (year: number) => CalendarException[];
  complaintBusinessDays: number;
  /** Share of customers. */
  weight: number;
}

function allDay(): BusinessHours {
  const h = {} as BusinessHours;
  for (const d of WEEKDAYS) h[d] = [['00:00', '24:00']];
  return h;
}

const ALL_DAY: Interval[] = [['00:00', '24:00']];
const none = (): CalendarException[] => [];

/**
 * Sydney keeps real hours (docs/calendars.md): weekdays 08:00–18:00, a late Friday shift
 * 20:00–02:00 for the weekend's shopping (it runs into Saturday), Saturday 10:00–16:00; closed on
 * New South Wales public holidays, and shorter on Christmas Eve and New Year's Eve (manual
 * exceptions, not public holidays).
 */
const SYDNEY_HOURS: BusinessHours = {
  mon: [['08:00', '18:00']],
  tue: [['08:00', '18:00']],
  wed: [['08:00', '18:00']],
  thu: [['08:00', '18:00']],
  fri: [['08:00', '18:00'], ['20:00', '02:00']],
  sat: [['10:00', '16:00']],
  sun: [],
};
const sydneyExceptions = (year: number): CalendarException[] => [
  { date: `${year}-12-24`, intervals: [['08:00', '12:00']], note: 'Christmas Eve' },
  { date: `${year}-12-31`, intervals: [['08:00', '14:00']], note: "New Year's Eve" },
];

/**
 * Phone numbers are from the ranges regulators reserve for drama and documentation
 * (Ofcom 020 7946 0xxx, NANP 555-01xx, ACMA 02 5550 xxxx), so nobody real gets called.
 * The European and North American lines chat round the clock, public holidays included (their
 * holidays still are no business days: email and complaint deadlines skip them); complaints get
 * the 15 business days PSD2 gives payment services in Europe and the UK.
 */
export const REGIONS: readonly RegionSpec[] = [
  { id: 'eu-north', name: 'Nordics', timeZone: 'Europe/Stockholm', locale: 'sv-SE', currency: 'SEK', hours: allDay(), phone: null, firstResponseTargetSec: 300, holidayCountry: 'SE', holidayHours: ALL_DAY, exceptions: none, complaintBusinessDays: 15, weight: 30 },
  { id: 'eu-central', name: 'Central Europe', timeZone: 'Europe/Berlin', locale: 'de-DE', currency: 'EUR', hours: allDay(), phone: null, firstResponseTargetSec: 420, holidayCountry: 'DE', holidayHours: ALL_DAY, exceptions: none, complaintBusinessDays: 15, weight: 25 },
  { id: 'uk', name: 'United Kingdom', timeZone: 'Europe/London', locale: 'en-GB', currency: 'GBP', hours: allDay(), phone: '+44 20 7946 0321', firstResponseTargetSec: 300, holidayCountry: 'GB-ENG', holidayHours: ALL_DAY, exceptions: none, complaintBusinessDays: 15, weight: 20 },
  { id: 'na', name: 'North America', timeZone: 'America/New_York', locale: 'en-US', currency: 'USD', hours: allDay(), phone: '+1 212 555 0142', firstResponseTargetSec: 480, holidayCountry: 'US', holidayHours: ALL_DAY, exceptions: none, complaintBusinessDays: 10, weight: 17 },
  { id: 'au', name: 'Australia', timeZone: 'Australia/Sydney', locale: 'en-AU', currency: 'AUD', hours: SYDNEY_HOURS, phone: '+61 2 5550 1234', firstResponseTargetSec: 600, holidayCountry: 'AU-NSW', holidayHours: [], exceptions: sydneyExceptions, complaintBusinessDays: 21, weight: 8 },
];

/** A region's manual exceptions around `nowMs`: this year's and next year's. */
export function exceptionsAround(region: RegionSpec, nowMs: number): CalendarException[] {
  const year = new Date(nowMs).getUTCFullYear();
  return [...region.exceptions(year), ...region.exceptions(year + 1)];
}

/** A country inside a region: the customer's locale, zones, naming and money habits. */
export interface MarketSpec {
  region: RegionId;
  country: string;
  locale: string;
  timeZones: readonly string[];
  fakerLocale: LocaleDefinition[];
  weight: number;
  banks: readonly string[];
  cardBrands: readonly (readonly [string, number])[];
  /** Rough price level against EUR, for the merchants' price ranges. */
  priceFactor: number;
  /** Prices end like this market's prices do: whole kronor ending in 9, or .99/.95/.00. */
  wholeUnitPrices: boolean;
  lateFeeMinor: number;
  spendingLimitMajor: readonly [number, number];
  /** Spending limits are round numbers: multiples of this (major units). */
  limitStep: number;
  emailDomains: readonly string[];
}

const EU_CARDS = [['Visa', 55], ['Mastercard', 45]] as const;
const ANGLO_CARDS = [['Visa', 50], ['Mastercard', 35], ['American Express', 15]] as const;

export const MARKETS: readonly MarketSpec[] = [
  {
    region: 'eu-north', country: 'SE', locale: 'sv-SE', timeZones: ['Europe/Stockholm'], fakerLocale: [sv, en, base], weight: 1,
    banks: ['Swedbank', 'Handelsbanken', 'SEB', 'Nordea', 'Länsförsäkringar'], cardBrands: EU_CARDS,
    priceFactor: 11, wholeUnitPrices: true, lateFeeMinor: 6000, spendingLimitMajor: [5000, 60000], limitStep: 1000, emailDomains: ['example.se', 'example.com'],
  },
  {
    region: 'eu-central', country: 'DE', locale: 'de-DE', timeZones: ['Europe/Berlin'], fakerLocale: [de, en, base], weight: 4,
    banks: ['Sparkasse', 'Deutsche Bank', 'Commerzbank', 'ING', 'DKB'], cardBrands: EU_CARDS,
    priceFactor: 1, wholeUnitPrices: false, lateFeeMinor: 500, spendingLimitMajor: [500, 5000], limitStep: 100, emailDomains: ['example.de', 'example.com'],
  },
  {
    region: 'eu-central', country: 'AT', locale: 'de-AT', timeZones: ['Europe/Vienna'], fakerLocale: [de_AT, de, en, base], weight: 1,
    banks: ['Erste Bank', 'Raiffeisen', 'Bank Austria', 'BAWAG'], cardBrands: EU_CARDS,
    priceFactor: 1, wholeUnitPrices: false, lateFeeMinor: 500, spendingLimitMajor: [500, 5000], limitStep: 100, emailDomains: ['example.at', 'example.com'],
  },
  {
    region: 'uk', country: 'GB', locale: 'en-GB', timeZones: ['Europe/London'], fakerLocale: [en_GB, en, base], weight: 1,
    banks: ['Barclays', 'HSBC UK', 'Lloyds', 'NatWest', 'Monzo'], cardBrands: ANGLO_CARDS,
    priceFactor: 0.85, wholeUnitPrices: false, lateFeeMinor: 500, spendingLimitMajor: [400, 4000], limitStep: 100, emailDomains: ['example.co.uk', 'example.com'],
  },
  {
    region: 'na', country: 'US', locale: 'en-US', timeZones: ['America/New_York', 'America/Chicago', 'America/Denver', 'America/Los_Angeles'], fakerLocale: [en_US, en, base], weight: 1,
    banks: ['Chase', 'Bank of America', 'Wells Fargo', 'Citibank', 'Capital One'], cardBrands: ANGLO_CARDS,
    priceFactor: 1.1, wholeUnitPrices: false, lateFeeMinor: 700, spendingLimitMajor: [500, 5000], limitStep: 100, emailDomains: ['example.com', 'example.net', 'example.org'],
  },
  {
    region: 'au', country: 'AU', locale: 'en-AU', timeZones: ['Australia/Sydney', 'Australia/Melbourne', 'Australia/Brisbane', 'Australia/Perth'], fakerLocale: [en_AU, en, base], weight: 1,
    banks: ['Commonwealth Bank', 'Westpac', 'ANZ', 'NAB'], cardBrands: ANGLO_CARDS,
    priceFactor: 1.7, wholeUnitPrices: false, lateFeeMinor: 1000, spendingLimitMajor: [750, 7500], limitStep: 100, emailDomains: ['example.com.au', 'example.com'],
  },
];

export interface AgentSpec {
  email: string;
  name: string;
  role: Role;
  tier: Tier;
  regions: readonly RegionId[];
  capacity: number;
}

const ALL_REGIONS = REGIONS.map((r) => r.id);

/**
 * Demo agents. The first three are the memorable logins; the first is a tier-1 agent in eu-north.
 * Their names also sort first within their role, so a list ordered by name shows them first.
 */
export const AGENTS: readonly AgentSpec[] = [
  { email: 'agent@demo.agentdesk.test', name: 'Ava Lind', role: 'agent', tier: 1, regions: ['eu-north'], capacity: 6 },
  { email: 'senior@demo.agentdesk.test', name: 'Anna Holm', role: 'senior', tier: 2, regions: ['eu-north', 'eu-central'], capacity: 7 },
  { email: 'supervisor@demo.agentdesk.test', name: 'Nora Ekström', role: 'supervisor', tier: 3, regions: ALL_REGIONS, capacity: 6 },
  { email: 'elias.berg@demo.agentdesk.test', name: 'Elias Berg', role: 'agent', tier: 1, regions: ['eu-north'], capacity: 8 },
  { email: 'jonas.weber@demo.agentdesk.test', name: 'Jonas Weber', role: 'agent', tier: 1, regions: ['eu-central', 'eu-north'], capacity: 7 },
  { email: 'lena.vogel@demo.agentdesk.test', name: 'Lena Vogel', role: 'agent', tier: 1, regions: ['eu-central'], capacity: 8 },
  { email: 'oliver.hughes@demo.agentdesk.test', name: 'Oliver Hughes', role: 'agent', tier: 1, regions: ['uk'], capacity: 7 },
  { email: 'grace.clarke@demo.agentdesk.test', name: 'Grace Clarke', role: 'agent', tier: 1, regions: ['uk', 'eu-central'], capacity: 6 },
  { email: 'maya.johnson@demo.agentdesk.test', name: 'Maya Johnson', role: 'agent', tier: 1, regions: ['na'], capacity: 8 },
  { email: 'chloe.nguyen@demo.agentdesk.test', name: 'Chloe Nguyen', role: 'agent', tier: 1, regions: ['au', 'na'], capacity: 7 },
  { email: 'james.carter@demo.agentdesk.test', name: 'James Carter', role: 'senior', tier: 2, regions: ['uk', 'na'], capacity: 6 },
  { email: 'mia.thompson@demo.agentdesk.test', name: 'Mia Thompson', role: 'senior', tier: 2, regions: ['au', 'na'], capacity: 6 },
];

export interface MerchantSpec {
  name: string;
  returnDays: number;
  /** [item name, min EUR, max EUR] */
  items: readonly (readonly [string, number, number])[];
  weight: number;
}

export const MERCHANTS: readonly MerchantSpec[] = [
  { name: 'Nordvik Outdoor', returnDays: 30, weight: 8, items: [['Down jacket', 120, 320], ['Hiking boots', 90, 220], ['Trail backpack 30 L', 60, 160], ['Merino base layer', 40, 90], ['Two-person tent', 180, 450]] },
  { name: 'Urban Thread', returnDays: 30, weight: 14, items: [['Slim-fit jeans', 40, 110], ['Wool coat', 120, 280], ['Linen shirt', 30, 70], ['Knit sweater', 45, 120], ['Leather belt', 25, 60], ['Summer dress', 35, 95]] },
  { name: 'Pixel & Plug', returnDays: 30, weight: 9, items: [['Noise-cancelling headphones', 150, 380], ['13-inch laptop', 700, 1600], ['Smartwatch', 180, 450], ['Wireless earbuds', 60, 220], ['27-inch monitor', 220, 520], ['Mechanical keyboard', 70, 180]] },
  { name: 'Casa Lumen', returnDays: 60, weight: 7, items: [['Three-seat sofa', 600, 1800], ['Oak dining table', 450, 1200], ['Floor lamp', 60, 180], ['Linen bedding set', 70, 160], ['Wool rug 160x230', 150, 420]] },
  { name: 'Stride Athletics', returnDays: 30, weight: 10, items: [['Running shoes', 90, 180], ['Training tights', 35, 80], ['Sports bra', 30, 60], ['Gym bag', 35, 70], ['Running jacket', 70, 150]] },
  { name: 'Little Acorn', returnDays: 30, weight: 5, items: [['Baby stroller', 300, 900], ['Car seat', 150, 400], ['Kids rain set', 30, 70], ['Wooden toy kitchen', 80, 180]] },
  { name: 'Glow Beauty Lab', returnDays: 14, weight: 8, items: [['Serum set', 30, 90], ['Hair dryer', 60, 420], ['Perfume 50 ml', 50, 130], ['Skincare gift box', 40, 110]] },
  { name: 'Kettle & Crumb', returnDays: 30, weight: 6, items: [['Espresso machine', 250, 900], ['Cast-iron pot', 60, 200], ['Knife set', 80, 260], ['Stand mixer', 280, 650]] },
  { name: 'Velo Works', returnDays: 30, weight: 3, items: [['E-bike', 1400, 3200], ['Bike helmet', 50, 150], ['Bike lights set', 30, 80], ['Gravel bike', 900, 2200]] },
  { name: 'Atlas Travel Gear', returnDays: 30, weight: 5, items: [['Cabin suitcase', 120, 320], ['Check-in suitcase', 160, 420], ['Travel adapter', 15, 35], ['Packing cubes', 20, 45]] },
  { name: 'Greenleaf Garden', returnDays: 30, weight: 4, items: [['Garden furniture set', 350, 1100], ['Cordless lawn mower', 220, 600], ['Planter set', 40, 110]] },
  { name: 'Pageturner Books', returnDays: 14, weight: 4, items: [['Hardcover novel', 15, 30], ['Cookbook', 20, 40], ['Board game', 30, 70]] },
  { name: 'Arcade Galaxy', returnDays: 14, weight: 5, items: [['Game console', 350, 550], ['Wireless controller', 55, 80], ['Video game', 40, 80], ['Gaming headset', 60, 180]] },
];

export const VERIFICATION_FAILURE_REASONS = [
  'ID document photo was blurry or cut off',
  'Name on the bank account does not match the ID',
  'ID document has expired',
  'Selfie did not match the ID photo',
  'Bank login timed out before consent was given',
  'Address could not be confirmed',
] as const;

export const BANK_LINK_FAILURE_REASONS = ['Bank login timed out before consent was given', 'Name on the bank account does not match the ID'] as const;

export const CARD_DECLINE_REASONS = ['Insufficient funds', 'Do not honor', 'Card expired', 'Authentication required (3-D Secure)', 'Card reported lost'] as const;
export const BANK_DECLINE_REASONS = ['Insufficient funds', 'Direct debit mandate revoked', 'Bank account closed'] as const;

export const RETURN_REASONS = ['Wrong size', 'Changed my mind', 'Item arrived damaged', 'Not as described', 'Arrived too late', 'Ordered by mistake', 'Better price elsewhere'] as const;
export const REJECTION_REASONS = ['Item returned used', 'Return sent after the return window', 'Item missing from the parcel'] as const;

export const APP_VERSIONS = ['7.14.2', '7.14.1', '7.13.0', '7.12.3', '7.10.0', '6.9.8'] as const;
export const DEVICES: readonly (readonly [string, string, number])[] = [
  ['iOS 18.3', 'App (iOS)', 30],
  ['iOS 17.6', 'App (iOS)', 8],
  ['Android 15', 'App (Android)', 20],
  ['Android 13', 'App (Android)', 8],
  ['Windows 11', 'Chrome 133', 12],
  ['Windows 10', 'Edge 133', 5],
  ['macOS 15.3', 'Safari 18.3', 9],
  ['macOS 14.7', 'Chrome 133', 4],
  ['Ubuntu 24.04', 'Firefox 135', 2],
  ['ChromeOS 133', 'Chrome 133', 2],
];

/** Incidents relative to now (hours ago); resolved when `resolvedHoursAgo` is set. */
export interface IncidentSpec {
  title: string;
  errorCode: string;
  status: 'investigating' | 'monitoring' | 'resolved';
  startedHoursAgo: number;
  resolvedHoursAgo: number | null;
  /** What an agent tells the customer about it. */
  explanation: string;
}

export const INCIDENTS: readonly IncidentSpec[] = [
  { title: 'Card payments in the app fail with a 3-D Secure timeout', errorCode: 'PAY-3DS-504', status: 'resolved', startedHoursAgo: 54 * 24, resolvedHoursAgo: 54 * 24 - 7, explanation: 'some card payments timed out during the 3-D Secure check' },
  { title: 'Android app 7.12.3 returns to the login screen after sign-in', errorCode: 'AUTH-LOOP-401', status: 'resolved', startedHoursAgo: 41 * 24, resolvedHoursAgo: 38 * 24, explanation: 'version 7.12.3 of the Android app could send people back to the login screen' },
  { title: 'Payment status updates delayed (ledger backlog)', errorCode: 'LEDGER-SYNC-DELAY', status: 'resolved', startedHoursAgo: 23 * 24, resolvedHoursAgo: 22 * 24 - 4, explanation: 'payments were received but took several hours to show in the app' },
  { title: 'Bank linking unavailable for some Nordic banks', errorCode: 'OB-LINK-503', status: 'resolved', startedHoursAgo: 12 * 24, resolvedHoursAgo: 12 * 24 - 9, explanation: 'our bank-linking partner had an outage for some Nordic banks' },
  { title: 'Purchases list loads slowly on iOS', errorCode: 'APP-IOS-TIMEOUT', status: 'monitoring', startedHoursAgo: 30, resolvedHoursAgo: null, explanation: 'the purchases list on iOS can take a long time to load' },
  { title: 'Checkout spinner does not finish for some web shops', errorCode: 'CHK-SPIN-408', status: 'investigating', startedHoursAgo: 2, resolvedHoursAgo: null, explanation: 'checkout in some web shops keeps spinning without finishing' },
];
