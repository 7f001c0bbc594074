// Type fixture for @ids-auth/emulator, compiled against the packed declarations only.
import { startGateway } from '@ids-auth/emulator';

export async function gatewayUrl(): Promise<string> {
  const gateway = await startGateway({ tokenLifetimeSeconds: 3599 });
  const url: string = gateway.url;
  await gateway.close();
  return url;
}
