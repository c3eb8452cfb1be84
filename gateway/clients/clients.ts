import { androidClient } from './android/android-client.ts';
import type { ClientProfile } from './client-profile.ts';
import { iosClient } from './ios/ios-client.ts';
import { samsungClient } from './samsung/samsung-client.ts';
import { webClient } from './web/web-client.ts';

/** Every client composition the gateway knows, by platform name; createGateway may serve a subset. */
export const ALL_CLIENTS: Readonly<Record<string, ClientProfile>> = {
  ios: iosClient,
  android: androidClient,
  samsung: samsungClient,
  web: webClient,
};
