/**
 * Delivers webhooks: a JSON POST signed with HMAC-SHA256 over
 * "<timestamp>.<body>", with a time limit, refusing to reach the inside of
 * the network (checked on every address DNS answers, at connect time, so a
 * rebinding answer cannot slip past) and never following redirects.
 */
import { createHmac } from 'node:crypto';
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import { insideAddress } from './inside-addresses.ts';

export interface WebhookDelivery {
  url: string;
  event: string;
  /** The outbox id: receivers use it to drop a repeated delivery. */
  deliveryId: number;
  body: string;
}

export interface WebhookChannel {
  post(delivery: WebhookDelivery): Promise<void>;
}

/** A failure that retrying cannot fix (a refused address, no secret): given up at once. */
export class PermanentDeliveryError extends Error {}

export interface WebhookSettings {
  secret: string | undefined;
  /** Hosts an admin lets webhooks reach although they resolve to internal addresses. */
  allowHosts: readonly string[];
  timeoutMs: number;
}

export const signatureHeader = 'x-deskwright-signature';
export const timestampHeader = 'x-deskwright-timestamp';

export function sign(secret: string, timestamp: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

export function webhookChannel(settings: WebhookSettings, now: () => Date = () => new Date()): WebhookChannel {
  return {
    post(delivery) {
      const { secret } = settings;
      if (!secret) return Promise.reject(new PermanentDeliveryError('no WEBHOOK_SECRET is configured, so webhooks are not sent'));
      let url: URL;
      try {
        url = new URL(delivery.url);
      } catch {
        return Promise.reject(new PermanentDeliveryError(`"${delivery.url}" is not a URL`));
      }
      const host = url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
      const allowed = settings.allowHosts.includes(host);
      if (!allowed && isIP(host)) {
        const why = insideAddress(host);
        if (why) return Promise.reject(new PermanentDeliveryError(`refused: ${why}`));
      }
      // Checked when the socket connects: the address used is the address checked.
      const lookup: LookupFunction = (hostname, options, callback) => {
        dnsLookup(hostname, { ...options, all: true }, (error, addresses) => {
          if (error) return callback(error, '', 0);
          const list = addresses as unknown as LookupAddress[];
          const bad = allowed ? null : list.map((a) => insideAddress(a.address)).find((why) => why !== null);
          if (bad) return callback(new PermanentDeliveryError(`refused: ${hostname} resolves to ${bad}`), '', 0);
          if (options.all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, list);
          callback(null, list[0]!.address, list[0]!.family);
        });
      };
      const timestamp = String(Math.floor(now().getTime() / 1000));
      const client = url.protocol === 'https:' ? https : http;
      return new Promise<void>((resolve, reject) => {
        const request = client.request(
          url,
          {
            method: 'POST',
            lookup,
            timeout: settings.timeoutMs,
            headers: {
              'content-type': 'application/json',
              'user-agent': 'Deskwright-Webhook',
              'x-deskwright-event': delivery.event,
              'x-deskwright-delivery': String(delivery.deliveryId),
              [timestampHeader]: timestamp,
              [signatureHeader]: sign(secret, timestamp, delivery.body),
            },
          },
          (response) => {
            response.resume();
            const status = response.statusCode ?? 0;
            if (status >= 200 && status < 300) resolve();
            else if (status >= 300 && status < 400) reject(new PermanentDeliveryError(`the receiver answered ${status} (a redirect, which webhooks do not follow)`));
            else reject(new Error(`the receiver answered ${status}`));
          },
        );
        request.on('timeout', () => request.destroy(new Error(`no answer within ${settings.timeoutMs} ms`)));
        request.on('error', reject);
        request.end(delivery.body);
      });
    },
  };
}
