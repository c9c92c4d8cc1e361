/**
 * Notification e-mail (issue 15) against a real SMTP server started here
 * (the smtp-server package, on a loopback port): the moderator gets one
 * e-mail when comments wait, with the counts and the link to the queue, and
 * no second one within COMMENTS_NOTIFY_MINUTES however many comments follow (the server's clock is
 * moved past the window, and the next e-mail to arrive must be the one after it).
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { SMTPServer } from 'smtp-server';
import type { AddressInfo } from 'node:net';
import { startHarness, postAs, nextIp, type Harness } from './harness';

interface Mail {
  from: string;
  to: string[];
  data: string;
}

describe('notification e-mail through SMTP', () => {
  let h: Harness;
  let smtp: SMTPServer;
  const mails: Mail[] = [];
  let arrived: () => void = () => {};

  beforeAll(async () => {
    smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onData(stream, session, callback) {
        let data = '';
        stream.setEncoding('utf8');
        stream.on('data', (d) => (data += d));
        stream.on('end', () => {
          mails.push({ from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '', to: session.envelope.rcptTo.map((r) => r.address), data });
          arrived();
          callback();
        });
      },
    });
    await new Promise<void>((r) => smtp.listen(0, '127.0.0.1', () => r()));
    const port = (smtp.server.address() as AddressInfo).port;
    h = await startHarness({
      rateLimitSeconds: 0,
      pages: ['/notify/'],
      notifyMinutes: 30,
      fakeClock: true,
      siteUrl: 'https://chancay.example.org',
      smtp: { host: '127.0.0.1', port, secure: false, from: 'comments@chancay.example.org' },
    });
  });
  afterAll(async () => {
    await h?.close();
    await new Promise<void>((r) => smtp?.close(() => r()));
  });

  it('sends the moderator one e-mail with the count and a link, then none for the next comments within the window', async () => {
    const first = new Promise<void>((r) => (arrived = r));
    expect((await postAs(h, nextIp(), { nick: 'Ana', comment: 'First comment to wait.', url: '/notify/' })).status).toBe(200);
    await first;
    expect(mails).toHaveLength(1);
    const [m] = mails;
    // To every moderator account (no COMMENTS_NOTIFY_TO here), from SMTP_FROM.
    expect(m.to).toEqual(['moderator@example.org']);
    expect(m.from).toBe('comments@chancay.example.org');
    expect(m.data).toMatch(/^Subject: Waiting for moderation: 1\r?$/m);
    expect(m.data).toContain('Waiting: 1.');
    expect(m.data).toContain('https://chancay.example.org/moderate/');
    // More comments within the window: no second e-mail (the right to send is a claim in the store).
    for (let i = 0; i < 3; i++) expect((await postAs(h, nextIp(), { nick: `R${i}`, comment: `More ${i}`, url: '/notify/' })).status).toBe(200);
    // A restart does not reset the window either.
    await h.restart({ rateLimitSeconds: 0 });
    expect((await postAs(h, nextIp(), { nick: 'After', comment: 'After the restart.', url: '/notify/' })).status).toBe(200);
    // The window ends (the server's clock moves 31 minutes): the next comment brings the second e-mail,
    // with every comment waiting. Had any post within the window sent one, that e-mail would have been
    // claimed and sent first (each post decides before it is answered), and would be the second here.
    const second = new Promise<void>((r) => (arrived = r));
    await h.advance(31 * 60_000);
    expect((await postAs(h, nextIp(), { nick: 'Later', comment: 'After the window.', url: '/notify/' })).status).toBe(200);
    await second;
    expect(mails).toHaveLength(2);
    expect(mails[1].data).toMatch(/^Subject: Waiting for moderation: 6\r?$/m);
    expect(mails[1].data).toContain('Waiting: 6.');
  });
});
