/** Where DNS questions go: `--dns` / MAILSCORE_DNS, else the system resolver's servers from /etc/resolv.conf. */
import { readFileSync } from 'node:fs';
import net from 'node:net';
import type { ServerAddress } from './types.js';

export class ServerListError extends Error {}

/** Parses "host:port[,host:port]" ("[v6]:port" for IPv6; the port defaults to 53). Throws ServerListError on junk. */
export function parseServerList(text: string): ServerAddress[] {
  const servers: ServerAddress[] = [];
  for (const raw of text.split(',')) {
    const item = raw.trim();
    if (!item) continue;
    let host: string;
    let port = '53';
    const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(item);
    if (bracketed) {
      host = bracketed[1]!;
      port = bracketed[2] ?? '53';
    } else if (net.isIPv6(item)) {
      host = item;
    } else {
      const colon = item.lastIndexOf(':');
      host = colon >= 0 ? item.slice(0, colon) : item;
      if (colon >= 0) port = item.slice(colon + 1);
    }
    const portNumber = Number(port);
    if (!net.isIP(host))
      throw new ServerListError(`DNS server must be an IP address: ${JSON.stringify(item.slice(0, 80))}`);
    if (!/^\d+$/.test(port) || portNumber < 1 || portNumber > 65_535) {
      throw new ServerListError(`bad DNS server port: ${JSON.stringify(item.slice(0, 80))}`);
    }
    servers.push({ host, port: portNumber });
  }
  if (servers.length === 0) throw new ServerListError('empty DNS server list');
  return servers;
}

/** The nameserver lines of resolv.conf; 127.0.0.1 when there are none, as resolv.conf(5) specifies. */
export function parseResolvConf(text: string): ServerAddress[] {
  const servers: ServerAddress[] = [];
  for (const line of text.split('\n')) {
    const match = /^\s*nameserver\s+(\S+)/.exec(line);
    if (!match) continue;
    const host = match[1]!.replace(/%.*$/, ''); // drop an IPv6 zone id
    if (net.isIP(host)) servers.push({ host, port: 53 });
  }
  return servers.length ? servers : [{ host: '127.0.0.1', port: 53 }];
}

function systemServers(path = '/etc/resolv.conf'): ServerAddress[] {
  try {
    return parseResolvConf(readFileSync(path, 'utf8'));
  } catch {
    return [{ host: '127.0.0.1', port: 53 }];
  }
}

/** The servers to use: an explicit list (flag), else MAILSCORE_DNS, else the system's. */
export function resolveServers(explicit: string | undefined, env = process.env): ServerAddress[] {
  const list = explicit ?? env.MAILSCORE_DNS;
  return list && list.trim() ? parseServerList(list) : systemServers();
}
