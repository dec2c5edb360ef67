import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import type { AppConfig } from '../config.ts';
import { latestAuditId } from '../audit/auditQueries.ts';

export type ChangeListener = (version: number) => void;

export interface ChangeFeed {
  /** The latest data version seen: the newest audit row's id (every edit and import is audited). */
  version(): number;
  /** Calls `listener` on each change until the returned function is called. */
  subscribe(listener: ChangeListener): () => void;
}

declare module 'fastify' {
  interface FastifyInstance {
    changes: ChangeFeed;
  }
}

/**
 * Tells subscribers (the wall screens' event streams) that the data changed. It watches the audit
 * log rather than hooking each route, so it also sees imports and edits made by another process
 * (`npm run import`) on the same database. It polls only while someone listens.
 */
export const changeFeedPlugin = fp(
  async (app: FastifyInstance, opts: { config: AppConfig }) => {
    const listeners = new Set<ChangeListener>();
    let version = 0;
    let timer: NodeJS.Timeout | null = null;
    let polling = false;

    const read = () => latestAuditId(app.db);
    const poll = async () => {
      if (polling) return;
      polling = true;
      try {
        const next = await read();
        if (next !== version) {
          version = next;
          for (const listener of listeners) listener(version);
        }
      } catch (error) {
        app.log.warn({ err: error }, 'change feed: could not read the audit log');
      } finally {
        polling = false;
      }
    };

    version = await read();
    app.decorate<ChangeFeed>('changes', {
      version: () => version,
      subscribe(listener) {
        listeners.add(listener);
        if (!timer) timer = setInterval(() => void poll(), opts.config.changePollMs);
        return () => {
          listeners.delete(listener);
          if (listeners.size === 0 && timer) {
            clearInterval(timer);
            timer = null;
          }
        };
      },
    });
    app.addHook('onClose', async () => {
      if (timer) clearInterval(timer);
      timer = null;
      listeners.clear();
    });
  },
  { name: 'change-feed', dependencies: ['database'] },
);
