import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONSENT_VERSION } from '../../../src/flow/signing/consent';
import { startSmtpSink, type SmtpSink } from '../../helpers/smtp-sink';
import { portalFixture, typedSignature, type PortalFixture } from './portal-fixture';

/**
 * The candidate's e-mails, received and parsed at a real SMTP server: the offer (its link opens
 * the offer), the signing code (it signs), and the reminders before expiry (09:00 in the
 * recruiter's zone, no link repeated). At expiry the offer is expired and the link opens nothing.
 * Staff see the delivery: sent, opened, reminded, the link's state.
 */
describe('delivery e-mails and tracking', () => {
  let sink: SmtpSink;
  let p: PortalFixture;

  beforeAll(async () => {
    sink = await startSmtpSink();
    p = await portalFixture({ mail: { smtpUrl: sink.url, from: 'Offerline <offers@example.com>' } });
  });
  afterAll(async () => {
    await p.t.close();
    await sink.close();
  });

  /** Delivers what is due (a due job may queue an e-mail, delivered on the next pass). */
  const deliver = async () => {
    await p.t.app.jobs.runDue();
    await p.t.app.jobs.runDue();
  };
  const mailTo = (subject: string) => sink.messages.filter((m) => m.to && JSON.stringify(m.to).includes(`ada@${p.fx.slug}.test`) && m.subject?.startsWith(subject));
  const delivery = async (id: string) => {
    const res = await p.t.app.inject({ url: `/api/v1/offers/${id}/delivery`, headers: { cookie: p.cookie } });
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  };

  it('the offer e-mail, the code e-mail and the reminders arrive; at expiry the offer is expired and the link opens nothing', async () => {
    const { id } = await p.sentOffer();
    expect(await delivery(id)).toMatchObject({ sentAt: '2027-03-01T15:00:00.000Z', version: 1, linkExpiresAt: '2027-03-09T05:00:00.000Z', firstOpenedAt: null, lastOpenedAt: null, remindersSent: 0, linkState: 'live', revokedReason: null });
    await deliver();
    await sink.waitFor(1);
    const offerMail = mailTo('Your offer from').at(-1)!;
    const token = /https:\/\/offers\.example\.com\/portal\/(ocl_[\w-]+)/.exec(offerMail.text!)![1]!;
    const opened = await p.portal(token);
    expect(opened.statusCode).toBe(200);
    expect(opened.json().offer.title).toBe('Backend Engineer');

    // The code e-mail, and signing with it (on a second offer, so this one can expire).
    const second = await p.sentOffer({ title: 'Data Engineer' });
    await deliver();
    const secondToken = /\/portal\/(ocl_[\w-]+)/.exec(mailTo('Your offer from').find((m) => m.text!.includes('Data Engineer'))!.text!)![1]!;
    expect((await p.portal(secondToken, 'code')).statusCode).toBe(200);
    await deliver();
    const codeMail = mailTo('Your signing code').at(-1)!;
    const code = /(\d{6})$/.exec(codeMail.subject!)![1]!;
    expect(codeMail.text).toContain(code);
    const signed = await p.portal(secondToken, 'sign', typedSignature(code, CONSENT_VERSION));
    expect(signed.statusCode, signed.body).toBe(200);

    // Three days before expiry (2027-03-08), at 09:00 New York: the first reminder.
    p.t.clock.set(new Date('2027-03-05T13:59:00.000Z'));
    await deliver();
    expect(mailTo('Reminder: your offer')).toHaveLength(0);
    p.t.clock.set(new Date('2027-03-05T14:00:00.000Z'));
    expect((await p.portal(token)).statusCode).toBe(200);
    await deliver();
    const reminders = mailTo('Reminder: your offer');
    // The signed offer gets no reminder.
    expect(reminders).toHaveLength(1);
    expect(reminders[0]!.subject).toBe(`Reminder: your offer from Org ${p.fx.slug} for Backend Engineer is open until 2027-03-08`);
    expect(reminders[0]!.text).toContain('open the link in the e-mail "Your offer from');
    expect(reminders[0]!.text).not.toContain('ocl_');
    p.t.clock.set(new Date('2027-03-07T14:00:00.000Z'));
    await deliver();
    expect(mailTo('Reminder: your offer')).toHaveLength(2);
    await p.signInAgain();
    const journal = await p.offers.journal(id);
    expect(journal.filter((e) => e.type === 'offer.reminder_sent').map((e) => e.data)).toEqual([
      { version: 1, daysBefore: 3, expiresOn: '2027-03-08' },
      { version: 1, daysBefore: 1, expiresOn: '2027-03-08' },
    ]);
    expect(await delivery(id)).toMatchObject({ firstOpenedAt: '2027-03-01T15:00:00.000Z', lastOpenedAt: '2027-03-05T14:00:00.000Z', remindersSent: 2, linkState: 'live' });

    // The end of the expiry date in New York: expired, journaled, and the link opens nothing.
    p.t.clock.set(new Date('2027-03-09T05:00:00.000Z'));
    await deliver();
    await p.signInAgain();
    expect((await p.offers.get(id)).json().status).toBe('expired');
    const after = await p.offers.journal(id);
    expect(after.find((e) => e.type === 'offer.transitioned' && e.data.event === 'expire')!.data).toMatchObject({ from: 'sent', to: 'expired' });
    expect(after.find((e) => e.type === 'offer.links_revoked')!.data).toEqual({ count: 1, reason: 'expired' });
    const gone = await p.portal(token);
    expect(gone.statusCode).toBe(404);
    expect(gone.json().detail).toContain('no longer opens an offer');
    expect(await delivery(id)).toMatchObject({ linkState: 'revoked', revokedReason: 'expired', remindersSent: 2 });
    expect((await p.offers.verify(id)).ok).toBe(true);
  });

  it('sends no reminder for a link that was revoked, and none for days already past at send', async () => {
    p.t.clock.set(new Date('2027-03-01T15:00:00.000Z'));
    await p.signInAgain();
    const { id, rowVersion } = await p.sentOffer();
    expect((await p.offers.event(id, rowVersion, 'rescind', 'Budget freeze')).statusCode).toBe(200);
    const before = mailTo('Reminder: your offer').length;
    p.t.clock.set(new Date('2027-03-07T14:00:00.000Z'));
    await deliver();
    expect(mailTo('Reminder: your offer')).toHaveLength(before);
    p.t.clock.set(new Date('2027-03-01T15:00:00.000Z'));
    await p.signInAgain();
    expect(await delivery(id)).toMatchObject({ linkState: 'revoked', revokedReason: 'rescinded', remindersSent: 0 });
    // Sent two days before its expiry: the reminder three days before is already past.
    const late = await p.sentOffer({ expiresOn: '2027-03-03' });
    expect((await p.offers.journal(late.id)).find((e) => e.type === 'offer.sent')!.data).toMatchObject({ remindersScheduled: 1 });
    const never = await p.t.app.inject({ url: `/api/v1/offers/${(await p.offers.createDraft()).id}/delivery`, headers: { cookie: p.cookie } });
    expect(never.json()).toEqual({ sentAt: null, version: null, linkExpiresAt: null, firstOpenedAt: null, lastOpenedAt: null, remindersSent: 0, linkState: 'none', revokedReason: null, versionsSent: 0 });
  });
});
