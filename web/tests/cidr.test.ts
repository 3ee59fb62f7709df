import { test } from 'node:test';
import assert from 'node:assert/strict';
import { defaultSubnets, networkErrors, overlaps, parseCidr, type Cidr } from '../src/cidr.ts';

const c = (t: string) => parseCidr(t) as Cidr;

test('parseCidr reads networks and explains what is wrong with the rest', () => {
  assert.deepEqual(c('10.0.0.0/16'), { base: 0x0a000000, prefix: 16, text: '10.0.0.0/16' });
  assert.match(parseCidr('10.0.0/16') as string, /not an IPv4 CIDR/);
  assert.match(parseCidr('10.0.300.0/24') as string, /octet above 255/);
  assert.match(parseCidr('10.0.0.0/33') as string, /prefix above/);
  assert.match(parseCidr('10.0.1.0/16') as string, /host bits set: the network is 10\.0\.0\.0\/16/);
  assert.equal(c('0.0.0.0/0').base, 0);
  assert.equal(c('255.255.255.255/32').base, 0xffffffff);
});

test('overlaps is true exactly when the ranges share an address', () => {
  assert.ok(overlaps(c('10.0.0.0/16'), c('10.0.5.0/24')));
  assert.ok(overlaps(c('10.0.5.0/24'), c('10.0.0.0/16')));
  assert.ok(!overlaps(c('10.0.0.0/24'), c('10.0.1.0/24')));
  assert.ok(overlaps(c('10.0.0.0/23'), c('10.0.1.0/24')));
  assert.ok(!overlaps(c('10.0.0.0/25'), c('10.0.0.128/25')));
  assert.ok(overlaps(c('192.168.0.0/16'), c('192.168.255.255/32')));
  assert.ok(!overlaps(c('128.0.0.0/1'), c('0.0.0.0/1'))); // the sign bit does not confuse it
});

const vpc = { field: 'cidr', label: 'VPC', text: '10.0.0.0/16' };
const sub = (i: number, text: string) => ({ field: `masterSubnets[${i}]`, label: `Subnet ${i + 1}`, text });

test('networkErrors refuses overlapping subnets, naming both', () => {
  const errors = networkErrors(vpc, [sub(0, '10.0.0.0/20'), sub(1, '10.0.8.0/21')], []);
  assert.equal(errors.get('masterSubnets[1]'), 'Subnet 2 10.0.8.0/21 overlaps Subnet 1 10.0.0.0/20');
  assert.equal(errors.has('masterSubnets[0]'), false);
});

test('networkErrors refuses subnets outside the VPC and blocks AWS does not allow', () => {
  const errors = networkErrors(vpc, [sub(0, '10.1.0.0/20'), sub(1, '10.0.0.0/29')], []);
  assert.match(errors.get('masterSubnets[0]')!, /outside the VPC 10\.0\.0\.0\/16/);
  assert.match(errors.get('masterSubnets[1]')!, /AWS allows \/16 to \/28/);
  assert.match(networkErrors({ ...vpc, text: '10.0.0.0/8' }, [], []).get('cidr')!, /\/16 to \/28/);
});

test('networkErrors refuses pod and service ranges that overlap the VPC or each other', () => {
  const pod = { field: 'podCidr', label: 'Pod range', text: '10.0.128.0/17' };
  const svc = { field: 'serviceCidr', label: 'Service range', text: '10.3.0.0/16' };
  let errors = networkErrors(vpc, [], [pod, svc]);
  assert.equal(errors.get('podCidr'), 'Pod range 10.0.128.0/17 overlaps VPC 10.0.0.0/16');
  errors = networkErrors(vpc, [], [{ ...pod, text: '10.2.0.0/15' }, svc]);
  assert.equal(errors.get('serviceCidr'), 'Service range 10.3.0.0/16 overlaps Pod range 10.2.0.0/15');
  assert.equal(networkErrors(vpc, [sub(0, '10.0.0.0/20')], [{ ...pod, text: '10.2.0.0/16' }, svc]).size, 0);
});

test('defaultSubnets gives disjoint subnets inside the VPC', () => {
  const d = defaultSubnets('10.0.0.0/16', 3)!;
  const all = [...d.masters, ...d.workers];
  assert.equal(all.length, 6);
  const subs = all.map((t, i) => sub(i, t));
  assert.equal(networkErrors(vpc, subs, []).size, 0);
  assert.equal(defaultSubnets('nonsense', 3), null);
});
