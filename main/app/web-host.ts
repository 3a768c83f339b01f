import { startLoopbackServer } from '../transport/loopback-server.ts';
import { createDarkslide, type Darkslide, type DarkslideOptions } from './index.ts';

export type WebHost = { url: string; origin: string; token: string; darkslide: Darkslide; close(): Promise<void> };

/** The browser host: the same services as Electron, behind the loopback transport. */
export async function startWebHost(options: DarkslideOptions & { staticDir: string; port?: number }): Promise<WebHost> {
  const darkslide = await createDarkslide(options);
  const server = await startLoopbackServer({ dispatcher: darkslide, media: darkslide.media, staticDir: options.staticDir, port: options.port }).catch(async (error: unknown) => {
    await darkslide.close();
    throw error;
  });
  return {
    url: server.url,
    origin: server.origin,
    token: server.token,
    darkslide,
    async close() {
      await server.close();
      await darkslide.close();
    },
  };
}
