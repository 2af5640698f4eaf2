import net from 'node:net';

/**
 * A loopback port where nothing listens (bound, then closed again): a base URL on it makes every
 * connection fail at once, as an unreachable model server does.
 */
export async function deadPort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as net.AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}
