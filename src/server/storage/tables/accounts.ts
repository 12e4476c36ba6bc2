import type { AccountRow } from '../../../shared/domain';
import type { Db } from '../db';

export interface AccountDbRow {
  id: string;
  customer_id: string;
  status: AccountRow['status'];
  verification_status: AccountRow['verificationStatus'];
  verification_attempts: number;
  verification_failure_reason: string | null;
  spending_limit_minor: number;
  currency: string;
  version: number;
}

export function toWireAccount(r: AccountDbRow): AccountRow {
  return {
    id: r.id,
    customerId: r.customer_id,
    status: r.status,
    verificationStatus: r.verification_status,
    verificationAttempts: r.verification_attempts,
    verificationFailureReason: r.verification_failure_reason,
    spendingLimitMinor: r.spending_limit_minor,
    currency: r.currency,
    version: r.version,
  };
}

export function createAccountsTable(db: Db) {
  const byCustomer = db.prepare<[string], AccountDbRow>('SELECT * FROM accounts WHERE customer_id = ?');
  const byId = db.prepare<[string], AccountDbRow>('SELECT * FROM accounts WHERE id = ?');
  const insert = db.prepare(
    `INSERT INTO accounts (id, customer_id, status, verification_status, verification_attempts, verification_failure_reason, spending_limit_minor, currency)
     VALUES (@id, @customer_id, @status, @verification_status, @verification_attempts, @verification_failure_reason, @spending_limit_minor, @currency)`,
  );
  const markVerificationResent = db.prepare(
    `UPDATE accounts SET verification_status = 'pending', version = version + 1 WHERE id = ?`,
  );
  return {
    get: (id: string): AccountDbRow | null => byId.get(id) ?? null,
    forCustomer: (customerId: string): AccountDbRow | null => byCustomer.get(customerId) ?? null,
    insert: (r: Omit<AccountDbRow, 'version'>): void => void insert.run(r),
    markVerificationResent: (id: string): void => void markVerificationResent.run(id),
  };
}
export type AccountsTable = ReturnType<typeof createAccountsTable>;
