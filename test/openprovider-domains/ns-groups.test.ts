// Nameserver groups on the Openprovider face: CRUD, domains following a group, and the rules around it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../harness/app.ts';
import { call, expectError } from '../openprovider/client.ts';
import { createBody, reseller, type Reseller } from './helpers.ts';

type Group = { id: number; ns_group: string; domain_count: number; ns_count: number; name_servers: { name: string; ip: string; seq_nr: number }[] };

let app: TestApp;
let r: Reseller;
beforeAll(async () => {
  app = await testApp();
  r = await reseller(app);
});
afterAll(async () => {
  await app.close();
});

describe('nameserver groups', () => {
  it('creates a group, a domain follows it, a group change re-points the domain, and a used group cannot be deleted', async () => {
    const created = await call(app, 'POST', '/v1beta/dns/nameservers/groups', { token: r.token, json: { ns_group: 'my-dns', name_servers: [{ name: 'ns1.example.net', seq_nr: 1 }, { name: 'ns2.example.net', seq_nr: 2 }] } });
    expect(created.body.data).toEqual({ success: true });
    const d = await call<{ id: number }>(app, 'POST', '/v1beta/domains', { token: r.token, json: createBody(r, 'grouped', 'com', { ns_group: 'my-dns' }) });
    const id = d.body.data.id;
    const got = await call<Record<string, unknown>>(app, 'GET', `/v1beta/domains/${id}`, { token: r.token });
    expect(got.body.data).toMatchObject({ ns_group: 'my-dns', nsgroup_id: 1 });
    expect((got.body.data.name_servers as { name: string }[]).map((n) => n.name)).toEqual(['ns1.example.net', 'ns2.example.net']);

    const group = await call<Group>(app, 'GET', '/v1beta/dns/nameservers/groups/my-dns', { token: r.token });
    expect(group.body.data).toMatchObject({ id: 1, ns_group: 'my-dns', domain_count: 1, ns_count: 2 });

    const upd = await call(app, 'PUT', '/v1beta/dns/nameservers/groups/my-dns', { token: r.token, json: { name_servers: [{ name: 'ns9.example.org' }] } });
    expect(upd.body.data).toEqual({ success: true });
    const after = await call<{ name_servers: { name: string }[] }>(app, 'GET', `/v1beta/domains/${id}`, { token: r.token });
    expect(after.body.data.name_servers.map((n) => n.name)).toEqual(['ns9.example.org']);

    expectError(await call(app, 'DELETE', '/v1beta/dns/nameservers/groups/my-dns', { token: r.token }), 362, 400);
    const byPattern = await call<{ results: unknown[]; total: number }>(app, 'GET', '/v1beta/domains?ns_group_pattern=my-*', { token: r.token });
    expect(byPattern.body.data.total).toBe(1);

    // the domain leaves the group by getting its own nameservers; then the group can go
    await call(app, 'PUT', `/v1beta/domains/${id}`, { token: r.token, json: { name_servers: [{ name: 'ns1.example.net' }] } });
    expect((await call(app, 'GET', `/v1beta/domains/${id}`, { token: r.token })).body.data).toMatchObject({ ns_group: '', nsgroup_id: 0 });
    expect((await call(app, 'DELETE', '/v1beta/dns/nameservers/groups/my-dns', { token: r.token })).body.data).toEqual({ success: true });
    expectError(await call(app, 'GET', '/v1beta/dns/nameservers/groups/my-dns', { token: r.token }), 320, 404);
  });

  it('lists groups with counts on request, filters by pattern and orders', async () => {
    const o = await reseller(app);
    for (const [name, n] of [['b-group', 2], ['a-group', 1], ['c-other', 3]] as const) {
      await call(app, 'POST', '/v1beta/dns/nameservers/groups', { token: o.token, json: { ns_group: name, name_servers: Array.from({ length: n }, (_, i) => ({ name: `ns${i + 1}.${name}.net`, ip: `192.0.2.${i + 1}` })) } });
    }
    const all = await call<{ results: Group[]; total: number }>(app, 'GET', '/v1beta/dns/nameservers/groups?order_by.ns_group=asc&with_ns_count=true', { token: o.token });
    expect(all.body.data.results.map((g) => [g.ns_group, g.ns_count])).toEqual([['a-group', 1], ['b-group', 2], ['c-other', 3]]);
    const plain = await call<{ results: Group[] }>(app, 'GET', '/v1beta/dns/nameservers/groups?ns_group_pattern=*-group&order_by.ns_count=desc', { token: o.token });
    expect(plain.body.data.results.map((g) => [g.ns_group, g.ns_count])).toEqual([['b-group', 0], ['a-group', 0]]);
    const byIp = await call<{ total: number }>(app, 'GET', '/v1beta/dns/nameservers/groups?ns_ip_pattern=192.0.2.3', { token: o.token });
    expect(byIp.body.data.total).toBe(1);
  });

  it('refuses a duplicate name (362), an empty or invalid nameserver list (101), an unknown group for a domain (320)', async () => {
    await call(app, 'POST', '/v1beta/dns/nameservers/groups', { token: r.token, json: { ns_group: 'dup', name_servers: [{ name: 'ns1.example.net' }] } });
    expectError(await call(app, 'POST', '/v1beta/dns/nameservers/groups', { token: r.token, json: { ns_group: 'DUP', name_servers: [{ name: 'ns1.example.net' }] } }), 362, 400);
    expectError(await call(app, 'POST', '/v1beta/dns/nameservers/groups', { token: r.token, json: { ns_group: 'empty', name_servers: [] } }), 101, 400);
    expectError(await call(app, 'POST', '/v1beta/dns/nameservers/groups', { token: r.token, json: { ns_group: 'bad ip', name_servers: [{ name: 'ns1.example.net' }] } }), 101, 400);
    expectError(await call(app, 'POST', '/v1beta/dns/nameservers/groups', { token: r.token, json: { ns_group: 'bad-ns', name_servers: [{ name: 'ns1.example.net', ip: '1.2.3' }] } }), 101, 400);
    expectError(await call(app, 'POST', '/v1beta/domains', { token: r.token, json: createBody(r, 'no-such-group', 'com', { ns_group: 'nope' }) }), 320, 404);
    const list = await call<{ results: Group[] }>(app, 'GET', '/v1beta/dns/nameservers/groups', { token: r.token });
    expect(list.body.data.results.map((g) => g.ns_group)).toEqual(['dup']);
  });
});
