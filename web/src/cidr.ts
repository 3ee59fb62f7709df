// IPv4 CIDR arithmetic for instant feedback while a user edits the network. The server checks
// the same things (preflight); this only answers sooner.

export interface Cidr {
  /** Network address as an unsigned 32-bit number (host bits zero). */
  base: number;
  prefix: number;
  text: string;
}

const CIDR_RE = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/;

/** Parses "10.0.0.0/16"; returns an error text instead when it is not a network. */
export function parseCidr(text: string): Cidr | string {
  const t = text.trim();
  const m = CIDR_RE.exec(t);
  if (!m) return `'${t}' is not an IPv4 CIDR block like 10.0.0.0/16`;
  const octets = m.slice(1, 5).map(Number);
  if (octets.some((o) => o > 255)) return `'${t}' has an octet above 255`;
  const prefix = Number(m[5]);
  if (prefix > 32) return `'${t}' has a prefix above /32`;
  const addr = ((octets[0] << 24) | (octets[1] << 16) | (octets[2] << 8) | octets[3]) >>> 0;
  const mask = maskOf(prefix);
  if ((addr & mask) >>> 0 !== addr) {
    const base = (addr & mask) >>> 0;
    return `'${t}' has host bits set: the network is ${formatAddr(base)}/${prefix}`;
  }
  return { base: addr, prefix, text: t };
}

export function maskOf(prefix: number): number {
  return prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
}

export function formatAddr(n: number): string {
  return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');
}

export function size(c: Cidr): number {
  return 2 ** (32 - c.prefix);
}

function last(c: Cidr): number {
  return c.base + size(c) - 1;
}

export function overlaps(a: Cidr, b: Cidr): boolean {
  return a.base <= last(b) && b.base <= last(a);
}

export function contains(outer: Cidr, inner: Cidr): boolean {
  return outer.base <= inner.base && last(inner) <= last(outer);
}

export interface NamedCidr {
  field: string;
  label: string;
  text: string;
}

/**
 * The network rules a user can trip while typing: syntax, AWS's /16-/28 range for the VPC and its
 * subnets, subnets inside the VPC, and no two blocks overlapping (subnets with each other, the
 * pod and service ranges with the VPC and each other). One message per field, the first found.
 */
export function networkErrors(
  vpc: NamedCidr | null,
  subnets: NamedCidr[],
  clusterRanges: NamedCidr[],
): Map<string, string> {
  const errors = new Map<string, string>();
  const parsed: { n: NamedCidr; c: Cidr }[] = [];
  const parse = (n: NamedCidr, awsRange: boolean): Cidr | null => {
    const c = parseCidr(n.text);
    if (typeof c === 'string') {
      errors.set(n.field, c);
      return null;
    }
    if (awsRange && (c.prefix < 16 || c.prefix > 28)) {
      errors.set(n.field, `${n.label} ${c.text}: AWS allows /16 to /28 blocks`);
      return null;
    }
    return c;
  };
  const vpcCidr = vpc ? parse(vpc, true) : null;
  for (const s of subnets) {
    const c = parse(s, true);
    if (!c) continue;
    if (vpcCidr && !contains(vpcCidr, c)) {
      errors.set(s.field, `${s.label} ${c.text} is outside the VPC ${vpcCidr.text}`);
      continue;
    }
    const clash = parsed.find((p) => overlaps(p.c, c));
    if (clash) {
      errors.set(s.field, `${s.label} ${c.text} overlaps ${clash.n.label} ${clash.c.text}`);
      continue;
    }
    parsed.push({ n: s, c });
  }
  const ranges: { n: NamedCidr; c: Cidr }[] = vpc && vpcCidr ? [{ n: vpc, c: vpcCidr }] : [];
  for (const r of clusterRanges) {
    const c = parse(r, false);
    if (!c) continue;
    const clash = ranges.find((p) => overlaps(p.c, c));
    if (clash) {
      errors.set(r.field, `${r.label} ${c.text} overlaps ${clash.n.label} ${clash.c.text}`);
      continue;
    }
    ranges.push({ n: r, c });
  }
  return errors;
}

/**
 * Default subnets for a new VPC: the VPC split in blocks 2 prefix bits smaller than needed for
 * 2 x zones (masters first, then workers), leaving room to grow.
 */
export function defaultSubnets(vpcText: string, zones: number): { masters: string[]; workers: string[] } | null {
  const vpc = parseCidr(vpcText);
  if (typeof vpc === 'string' || zones < 1) return null;
  const blocks = 2 * zones;
  const bits = Math.ceil(Math.log2(blocks)) + 1;
  const prefix = Math.min(vpc.prefix + bits, 28);
  const step = 2 ** (32 - prefix);
  if (step * blocks > size(vpc)) return null;
  const at = (i: number) => `${formatAddr(vpc.base + i * step)}/${prefix}`;
  return {
    masters: Array.from({ length: zones }, (_, i) => at(i)),
    workers: Array.from({ length: zones }, (_, i) => at(zones + i)),
  };
}
