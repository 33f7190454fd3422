// Flow tests on a real database: the rows written and the error codes raised.
import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import { testServices } from '../harness/services.ts';
import { runFlow, runQuery, type Services } from '../../src/core/runner.ts';
import { DomainError, type ErrorCode } from '../../src/core/errors.ts';
import { createAccount } from '../../src/core/accounts/flows/create-account.ts';
import { login } from '../../src/core/auth/flows/login.ts';
import { authenticateToken } from '../../src/core/auth/flows/authenticate-token.ts';
import { authenticateKey } from '../../src/core/auth/flows/authenticate-key.ts';
import { authenticatePassword } from '../../src/core/auth/flows/authenticate-password.ts';
import { createUser } from '../../src/core/users/flows/create-user.ts';
import { deleteUser } from '../../src/core/users/flows/delete-user.ts';
import { createContact } from '../../src/core/contacts/flows/create-contact.ts';
import { updateContact } from '../../src/core/contacts/flows/update-contact.ts';
import { deleteContact } from '../../src/core/contacts/flows/delete-contact.ts';
import { getContact } from '../../src/core/contacts/flows/get-contact.ts';
import { createTag } from '../../src/core/tags/flows/create-tag.ts';
import { deleteTag } from '../../src/core/tags/flows/delete-tag.ts';
import { startVerification } from '../../src/core/verifications/flows/start-verification.ts';
import { restartVerification } from '../../src/core/verifications/flows/restart-verification.ts';
import { verifyEmail } from '../../src/core/verifications/flows/verify-email.ts';
import { changeClock } from '../../src/core/sandbox/flows/change-clock.ts';
import type { SandboxClock } from '../../src/core/clock.ts';
import type { ContactInput } from '../../src/core/contacts/model.ts';

type S = Services & { clock: SandboxClock; drop(): Promise<void> };
const rejectsWith = (p: Promise<unknown>, code: ErrorCode) => expect(p).rejects.toSatisfy((e: unknown) => e instanceof DomainError && e.code === code);

const JOHN: ContactInput = {
  name: { firstName: 'John', lastName: 'Doe' } as ContactInput['name'],
  email: 'john@doe.test',
  phone: { countryCode: '+31', areaCode: '20', subscriberNumber: '1234567' },
  address: { street: 'Main', number: '1', zipcode: '1000AA', city: 'Amsterdam', country: 'nl' } as ContactInput['address'],
};

describe('core flows', () => {
  let s: S;
  let accountId: number;
  beforeEach(async () => {
    s = await testServices();
    ({ account: { id: accountId } } = await runFlow(s, createAccount, { username: 'alice', password: 'password-1', email: 'alice@a.test', balance: 25.5 }));
  });
  afterEach(() => s.drop());

  it('creates an account with an admin user and its opening balance on the ledger', async () => {
    const bal = await s.store.read((uow) => uow.ledger.balanceMinor(accountId));
    expect(bal).toBe(2550);
    const u = await s.store.read((uow) => uow.users.byUsername('alice'));
    expect(u).toMatchObject({ accountId, role: 'admin', kind: 'super', email: 'alice@a.test' });
    expect(u!.passwordHash).toMatch(/^scrypt\$/);
    expect(u!.passwordHash).not.toContain('password-1');
  });

  it('refuses a second account with a taken username and writes nothing', async () => {
    await rejectsWith(runFlow(s, createAccount, { username: 'ALICE', password: 'password-2' }), 'user.username_taken');
    expect(await s.store.read((uow) => uow.accounts.list())).toHaveLength(1);
  });

  it('issues tokens valid for 48 hours on the sandbox clock; earlier tokens stay valid', async () => {
    const t1 = await runFlow(s, login, { username: 'alice', password: 'password-1', ip: '127.0.0.1' });
    const t2 = await runFlow(s, login, { username: 'alice', password: 'password-1', ip: '127.0.0.1' });
    expect(t1.token).not.toBe(t2.token);
    for (const t of [t1, t2]) expect((await runQuery(s, authenticateToken, { token: t.token, ip: '127.0.0.1' })).accountId).toBe(accountId);
    await runFlow(s, changeClock, { clock: s.clock, change: { advance: '47h' } });
    await runQuery(s, authenticateToken, { token: t1.token, ip: '127.0.0.1' });
    await runFlow(s, changeClock, { clock: s.clock, change: { advance: '1h' } });
    await rejectsWith(runQuery(s, authenticateToken, { token: t1.token, ip: '127.0.0.1' }), 'auth.token_invalid');
  });

  it('refuses a wrong password and an unknown user alike', async () => {
    await rejectsWith(runFlow(s, login, { username: 'alice', password: 'nope-nope', ip: '127.0.0.1' }), 'auth.failed');
    await rejectsWith(runFlow(s, login, { username: 'nobody', password: 'password-1', ip: '127.0.0.1' }), 'auth.failed');
  });

  it('enforces the user allow and deny lists on every authentication', async () => {
    await runFlow(s, createUser, { accountId, username: 'bob', email: 'bob@a.test', password: 'password-3', apiIps: { allow: ['10.0.0.0/8'], deny: ['10.9.0.0/16'] } });
    await runQuery(s, authenticatePassword, { login: 'bob', password: 'password-3', ip: '10.1.2.3' });
    await rejectsWith(runQuery(s, authenticatePassword, { login: 'bob', password: 'password-3', ip: '192.168.1.1' }), 'auth.ip_denied');
    await rejectsWith(runQuery(s, authenticatePassword, { login: 'bob', password: 'password-3', ip: '10.9.1.1' }), 'auth.ip_denied');
    await rejectsWith(runFlow(s, login, { username: 'alice', password: 'password-1', ip: '127.0.0.1', declaredIp: 'not-an-ip' }), 'request.invalid');
  });

  it('authenticates API users by their own key, and standard users by password plus the account key', async () => {
    const account = await s.store.read((uow) => uow.accounts.get(accountId));
    const api = await runFlow(s, createUser, { accountId, username: 'robot', email: 'robot@a.test', password: '', kind: 'api', role: 'api' });
    expect(api.apiKey).toMatch(/^[0-9a-f]{40}$/);
    await runQuery(s, authenticateKey, { email: 'robot@a.test', password: '', key: api.apiKey, ip: '127.0.0.1' });
    await rejectsWith(runQuery(s, authenticateKey, { email: 'robot@a.test', password: '', key: account!.apiKey, ip: '127.0.0.1' }), 'auth.failed');
    await runQuery(s, authenticateKey, { email: 'alice@a.test', password: 'password-1', key: account!.apiKey, ip: '127.0.0.1' });
    await rejectsWith(runQuery(s, authenticateKey, { email: 'alice@a.test', password: 'password-1', key: api.apiKey, ip: '127.0.0.1' }), 'auth.failed');
    await rejectsWith(runQuery(s, authenticateKey, { email: 'alice@a.test', password: 'wrong-pass', key: account!.apiKey, ip: '127.0.0.1' }), 'auth.failed');
  });

  it('never deletes the last user of an account', async () => {
    const u = await s.store.read((uow) => uow.users.byUsername('alice'));
    await rejectsWith(runFlow(s, deleteUser, { accountId, id: u!.id }), 'auth.forbidden');
  });

  it('creates a contact with an XX123456-CC handle and an XXX-12345678 ref, found by either or by id', async () => {
    const c = await runFlow(s, createContact, { accountId, input: JOHN });
    expect(c.handle).toMatch(/^JD\d{6}-NL$/);
    expect(c.ref).toMatch(/^DOE-\d{8}$/);
    for (const key of [c.handle, c.ref, String(c.id), c.handle.toLowerCase()]) expect((await runQuery(s, getContact, { accountId, key })).id).toBe(c.id);
  });

  it('refuses an incomplete contact naming the field, and writes nothing', async () => {
    await expect(runFlow(s, createContact, { accountId, input: { ...JOHN, email: 'not-an-email' } })).rejects.toMatchObject({ code: 'contact.invalid', details: { field: 'email' } });
    await expect(runFlow(s, createContact, { accountId, input: { ...JOHN, address: { ...JOHN.address!, country: 'Netherlands' } } })).rejects.toMatchObject({ code: 'contact.invalid', details: { field: 'address.country' } });
    expect((await s.store.read((uow) => uow.contacts.search(accountId, {}, { limit: 10, offset: 0 }))).total).toBe(0);
  });

  it('keeps a contact out of reach of other accounts', async () => {
    const c = await runFlow(s, createContact, { accountId, input: JOHN });
    const { account: other } = await runFlow(s, createAccount, { username: 'mallory', password: 'password-9' });
    await rejectsWith(runQuery(s, getContact, { accountId: other.id, key: c.handle }), 'contact.not_found');
    await rejectsWith(runFlow(s, updateContact, { accountId: other.id, key: c.handle, changes: { email: 'x@y.test' } }), 'contact.not_found');
    await rejectsWith(runFlow(s, deleteContact, { accountId: other.id, key: c.handle }), 'contact.not_found');
  });

  it('updates partially, refuses a name change unless allowed, and soft-deletes', async () => {
    const c = await runFlow(s, createContact, { accountId, input: JOHN });
    const u = await runFlow(s, updateContact, { accountId, key: c.handle, changes: { address: { city: 'Utrecht' } as ContactInput['address'] } });
    expect(u.address).toMatchObject({ city: 'Utrecht', street: 'Main', country: 'NL' });
    await rejectsWith(runFlow(s, updateContact, { accountId, key: c.handle, changes: { name: { lastName: 'Roe' } as ContactInput['name'] } }), 'contact.name_immutable');
    expect((await runFlow(s, updateContact, { accountId, key: c.handle, changes: { name: { lastName: 'Roe' } as ContactInput['name'] }, allowNameChange: true })).name.lastName).toBe('Roe');
    await runFlow(s, deleteContact, { accountId, key: c.handle });
    await rejectsWith(runQuery(s, getContact, { accountId, key: c.handle }), 'contact.not_found');
    expect((await runQuery(s, getContact, { accountId, key: c.handle, includeDeleted: true })).deletedAt).not.toBeNull();
  });

  it('refuses a tag that does not exist on a contact, and removes a deleted tag from contacts', async () => {
    await rejectsWith(runFlow(s, createContact, { accountId, input: { ...JOHN, tags: [{ key: 'customer', value: 'vip' }] } }), 'tag.not_found');
    await runFlow(s, createTag, { accountId, key: 'customer', value: 'vip' });
    await rejectsWith(runFlow(s, createTag, { accountId, key: 'customer', value: 'vip' }), 'tag.exists');
    const c = await runFlow(s, createContact, { accountId, input: { ...JOHN, tags: [{ key: 'customer', value: 'vip' }] } });
    await runFlow(s, deleteTag, { accountId, key: 'customer', value: 'vip' });
    expect((await runQuery(s, getContact, { accountId, key: c.handle })).tags).toEqual([]);
  });

  it('verifies an email address by the link in the outbox mail, once, within its validity', async () => {
    const c = await runFlow(s, createContact, { accountId, input: JOHN });
    const v = await runFlow(s, startVerification, { accountId, email: 'john@doe.test', handle: c.handle });
    await expect(runFlow(s, startVerification, { accountId, email: 'john@doe.test' })).rejects.toMatchObject({ code: 'verification.in_progress', details: { id: v.id } });
    const mails = await s.store.read((uow) => uow.outbox.list({ to: 'john@doe.test' }, { limit: 10, offset: 0 }));
    expect(mails.total).toBe(1);
    const link = mails.results[0].links[0];
    expect(link).toBe(`http://127.0.0.1:8080/_sandbox/verify-email/${v.token}`);
    expect((await runQuery(s, getContact, { accountId, key: c.handle })).emailVerification).toBe('in progress');
    await runFlow(s, verifyEmail, { token: link.split('/').pop()! });
    expect((await runQuery(s, getContact, { accountId, key: c.handle })).emailVerification).toBe('verified');
  });

  it('expires an unfollowed link, and restart sends a fresh one that works', async () => {
    const v = await runFlow(s, startVerification, { accountId, email: 'late@doe.test' });
    await runFlow(s, changeClock, { clock: s.clock, change: { advance: '16d' } });
    await rejectsWith(runFlow(s, verifyEmail, { token: v.token }), 'verification.link_invalid');
    const again = await runFlow(s, restartVerification, { accountId, email: 'late@doe.test' });
    expect(again.token).not.toBe(v.token);
    expect((await runFlow(s, verifyEmail, { token: again.token })).status).toBe('verified');
    await rejectsWith(runFlow(s, restartVerification, { accountId, email: 'never@doe.test' }), 'verification.not_found');
  });

  it('refuses clock changes that are not durations or instants, and moving backwards by advance', async () => {
    await rejectsWith(runFlow(s, changeClock, { clock: s.clock, change: { advance: 'soon' } }), 'sandbox.invalid_clock_change');
    await rejectsWith(runFlow(s, changeClock, { clock: s.clock, change: { advance: '-1d' } }), 'sandbox.invalid_clock_change');
    await rejectsWith(runFlow(s, changeClock, { clock: s.clock, change: { set: 'yesterday' } }), 'sandbox.invalid_clock_change');
    await runFlow(s, changeClock, { clock: s.clock, change: { set: '2027-01-01T00:00:00Z' } });
    expect(s.clock.now().toISOString()).toBe('2027-01-01T00:00:00.000Z');
  });
});
