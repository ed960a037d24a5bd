/**
 * The demo desk's story: about fifty tickets of a small organisation's
 * fortnight, told as what people did and when, so that `deskwright demo`
 * opens on queues, conversations, escalations, SLA warnings and breaches,
 * resolutions and ratings rather than empty pages. Pure data; the demo
 * service plays it through the same services a person's clicks use.
 */

/** Who acts in a step: a demo account or one of the demo requesters, by the part of their address before the @. */
export type DemoActor = 'agent' | 'specialist' | 'manager' | 'requester' | DemoRequester;
export type DemoRequester = 'priya' | 'tom' | 'gwen' | 'li' | 'ioana' | 'marcus';

export type DemoStep = { at: number; by?: DemoActor } & (
  | { do: 'claim' }
  | { do: 'reply'; body: string }
  | { do: 'note'; body: string }
  | { do: 'answer'; body: string }
  | { do: 'pending'; comment: string }
  | { do: 'open' }
  | { do: 'escalate'; queue: string; reason: string }
  | { do: 'manager'; reason: string }
  | { do: 'resolve'; code: string; notes: string }
  | { do: 'confirm'; rating: number; comment?: string }
  | { do: 'reopen'; reason: string }
);

export interface DemoTicket {
  workflow: 'it-incident' | 'service-request' | 'access-request';
  /** Who asked; `requester` is the demo requester account. */
  from: 'requester' | DemoRequester;
  /** How long ago it was logged, in minutes. */
  age: number;
  fields: Record<string, unknown>;
  /** Minutes after it was logged; steps that would fall in the future are left out. */
  steps?: DemoStep[];
}

export const demoRequesters: { key: DemoRequester; name: string; locale: string; timeZone: string }[] = [
  { key: 'priya', name: 'Priya Shah', locale: 'en', timeZone: 'Europe/London' },
  { key: 'tom', name: 'Tom Evans', locale: 'en', timeZone: 'Europe/London' },
  { key: 'gwen', name: 'Gwen Morgan', locale: 'cy', timeZone: 'Europe/London' },
  { key: 'li', name: 'Li Wei', locale: 'zh-CN', timeZone: 'Asia/Shanghai' },
  { key: 'ioana', name: 'Ioana Popescu', locale: 'ro', timeZone: 'Europe/Bucharest' },
  { key: 'marcus', name: 'Marcus Reid', locale: 'en', timeZone: 'America/New_York' },
];

const hour = 60;
const day = 24 * hour;

const incident = (summary: string, service: string, impact: string, urgency: string, details: string, extra: Record<string, unknown> = {}) => ({
  summary, service, impact, urgency, details, ...extra,
});

export const demoTickets: DemoTicket[] = [
  // Just in: nobody has looked yet.
  { workflow: 'it-incident', from: 'priya', age: 6, fields: incident('Outlook keeps asking for my password', 'email', 'me', 'medium', 'Since this morning Outlook shows the sign-in box every few minutes. Webmail works.') },
  { workflow: 'it-incident', from: 'tom', age: 12, fields: incident('Printer on floor 2 prints blank pages', 'printer', 'team', 'medium', 'Everything comes out blank from PRN-2F-02; the toner was replaced last week.', { printer_id: 'PRN-2F-02' }) },
  { workflow: 'service-request', from: 'gwen', age: 25, fields: { summary: 'Headset for Teams calls', item: 'headset', business_reason: 'I now take the support line calls on Tuesdays.', urgency: 'low' } },
  { workflow: 'access-request', from: 'li', age: 40, fields: { summary: 'Read access to the Projects share', request_type: 'new-access', system: 'file-share', access_level: 'read', manager_email: 'manager@example.com', details: '\\\\fs01\\projects, for the Q1 plan.', urgency: 'medium' } },
  { workflow: 'it-incident', from: 'requester', age: 55, fields: incident('Wi-Fi drops in meeting room B', 'wifi', 'team', 'medium', 'Laptops lose the connection every ten minutes or so in room B only.') },

  // A major outage that went straight to the network team, still being worked.
  {
    workflow: 'it-incident', from: 'marcus', age: 95,
    fields: incident('VPN down for everyone working from home', 'vpn', 'everyone', 'high', 'Nobody can connect to the VPN: "gateway not responding". About 40 people affected.'),
    steps: [
      { at: 4, by: 'specialist', do: 'claim' },
      { at: 6, by: 'specialist', do: 'reply', body: 'We know the VPN is down for everyone and are working on it. Next update within 30 minutes.' },
      { at: 20, by: 'specialist', do: 'note', body: 'Gateway vpn-gw-01 rejects new sessions; certificate expired at 07:00. Requesting a new one from the CA.' },
      { at: 50, by: 'specialist', do: 'manager', reason: 'Certificate renewal needs the security officer, who is on leave: please find someone with authority to approve it.' },
    ],
  },

  // First line at work today.
  {
    workflow: 'it-incident', from: 'ioana', age: 2 * hour,
    fields: incident('Laptop will not charge', 'laptop', 'me', 'high', 'The charging light stays off with two different chargers. Battery at 9%.', { asset_tag: 'LT-0117' }),
    steps: [
      { at: 10, by: 'agent', do: 'claim' },
      { at: 12, by: 'agent', do: 'reply', body: 'Thanks Ioana. Please bring the laptop to the desk on the ground floor; we will lend you one meanwhile.' },
      { at: 40, by: 'agent', do: 'note', body: 'Charging port is loose. Out of first-line scope: hardware repair.' },
      { at: 45, by: 'agent', do: 'escalate', queue: 'end-user-devices', reason: 'Charging port needs replacing; loan laptop LT-0201 issued.' },
    ],
  },
  {
    workflow: 'it-incident', from: 'tom', age: 3 * hour,
    fields: incident('Cannot open the budget spreadsheet', 'other', 'me', 'medium', 'Excel says the file is locked for editing by "another user" but nobody has it open.'),
    steps: [
      { at: 15, by: 'agent', do: 'claim' },
      { at: 20, by: 'agent', do: 'reply', body: 'Could you tell me the full path of the file and whether a colleague opened it yesterday?' },
      { at: 21, by: 'agent', do: 'pending', comment: 'Waiting for the file path from Tom.' },
      { at: 70, by: 'tom', do: 'answer', body: 'It is \\\\fs01\\finance\\budget-2027.xlsx. Sian had it open yesterday afternoon.' },
    ],
  },
  {
    workflow: 'access-request', from: 'priya', age: 4 * hour,
    fields: { summary: 'Password reset for the HR system', request_type: 'password-reset', system: 'hr-system', access_level: 'read', manager_email: 'manager@example.com', urgency: 'high' },
    steps: [
      { at: 8, by: 'agent', do: 'claim' },
      { at: 10, by: 'agent', do: 'note', body: 'Identity verified by call-back to the number in the directory.' },
      { at: 14, by: 'agent', do: 'resolve', code: 'solved', notes: 'Password reset; a temporary password was given by phone and must be changed at first sign-in.' },
    ],
  },
  {
    workflow: 'service-request', from: 'li', age: 5 * hour,
    fields: { summary: 'Visio licence', item: 'software-licence', software_name: 'Microsoft Visio', business_reason: 'Network diagrams for the office move.', urgency: 'medium', cost_centre: 'CC-2040' },
    steps: [{ at: 30, by: 'agent', do: 'claim' }, { at: 35, by: 'agent', do: 'reply', body: 'Your manager has approved it; the licence will be assigned this afternoon.' }],
  },
  { workflow: 'it-incident', from: 'gwen', age: 6 * hour, fields: incident('Second screen flickers', 'laptop', 'me', 'low', 'The external monitor flickers when the docking station warms up.') },
  { workflow: 'it-incident', from: 'requester', age: 7 * hour, fields: incident('Phone shows "no service" at my desk', 'phone', 'me', 'medium', 'Desk phone ext. 4410 lost its line after the power cut.') },
  {
    workflow: 'it-incident', from: 'marcus', age: 9 * hour,
    fields: incident('Shared mailbox missing from Outlook', 'email', 'team', 'medium', 'The support@ mailbox disappeared from Outlook for the whole team.'),
    steps: [
      { at: 20, by: 'agent', do: 'claim' },
      { at: 25, by: 'agent', do: 'escalate', queue: 'network', reason: 'Mailbox permissions changed overnight; needs an Exchange admin.' },
      { at: 90, by: 'specialist', do: 'claim' },
      { at: 95, by: 'specialist', do: 'note', body: 'The nightly group sync removed the team from the mailbox\'s permission group.' },
    ],
  },

  // Yesterday and the day before: some waiting, some past their targets.
  {
    workflow: 'it-incident', from: 'tom', age: 20 * hour,
    fields: incident('Wi-Fi on floor 3 very slow', 'wifi', 'team', 'high', 'Pages take a minute to load; the floor 2 network is fine.'),
    steps: [
      { at: 30, by: 'agent', do: 'claim' },
      { at: 40, by: 'agent', do: 'escalate', queue: 'network', reason: 'Access point AP-3-02 shows 300 clients; needs the network team.' },
      { at: 200, by: 'specialist', do: 'claim' },
      { at: 210, by: 'specialist', do: 'reply', body: 'We are adding a second access point on floor 3 tomorrow morning.' },
    ],
  },
  {
    workflow: 'it-incident', from: 'ioana', age: 26 * hour,
    fields: incident('Cannot print from the finance app', 'printer', 'me', 'medium', 'Other programs print fine; the finance app says "no printer installed".', { printer_id: 'PRN-1F-01' }),
    steps: [
      { at: 60, by: 'agent', do: 'claim' },
      { at: 65, by: 'agent', do: 'reply', body: 'Could you send a screenshot of the print dialog in the finance app?' },
      { at: 66, by: 'agent', do: 'pending', comment: 'Waiting for a screenshot.' },
    ],
  },
  { workflow: 'it-incident', from: 'priya', age: 28 * hour, fields: incident('Teams crashes when sharing my screen', 'other', 'me', 'high', 'Teams closes itself as soon as I press Share. Reinstalled it already.') },
  { workflow: 'it-incident', from: 'li', age: 30 * hour, fields: incident('Email attachments will not open', 'email', 'me', 'medium', 'PDF attachments open as a blank page since the update.') },
  {
    workflow: 'access-request', from: 'marcus', age: 32 * hour,
    fields: { summary: 'Write access to the finance system', request_type: 'new-access', system: 'finance-system', access_level: 'write', manager_email: 'manager@example.com', details: 'Taking over accounts payable from Sian.', urgency: 'medium' },
    steps: [
      { at: 40, by: 'agent', do: 'claim' },
      { at: 50, by: 'agent', do: 'escalate', queue: 'identity', reason: 'Finance write access is granted by the identity team only.' },
    ],
  },
  { workflow: 'service-request', from: 'tom', age: 34 * hour, fields: { summary: 'New laptop for a starter', item: 'laptop', business_reason: 'New analyst starts on Monday.', needed_by: '2026-12-07', urgency: 'high', cost_centre: 'CC-1100' } },
  {
    workflow: 'it-incident', from: 'requester', age: 44 * hour,
    fields: incident('VPN disconnects every hour', 'vpn', 'me', 'medium', 'Exactly on the hour the VPN client drops and reconnects.'),
    steps: [
      { at: 30, by: 'agent', do: 'claim' },
      { at: 35, by: 'agent', do: 'reply', body: 'Which version of the VPN client do you have? It is under Help › About.' },
      { at: 300, by: 'requester', do: 'answer', body: 'Version 5.2.1.' },
      { at: 320, by: 'agent', do: 'note', body: '5.2.1 has the hourly re-key bug; 5.3 fixes it but needs admin rights.' },
    ],
  },
  {
    workflow: 'it-incident', from: 'gwen', age: 2 * day,
    fields: incident('Meeting room screen shows no signal', 'other', 'team', 'medium', 'The big screen in the boardroom says "no signal" with every laptop.'),
    steps: [
      { at: 90, by: 'agent', do: 'claim' },
      { at: 95, by: 'agent', do: 'manager', reason: 'The AV contract lapsed last month, so nobody may call the supplier: needs a decision.' },
    ],
  },
  { workflow: 'service-request', from: 'ioana', age: 2 * day + 3 * hour, fields: { summary: 'Mobile phone for on-call', item: 'mobile-phone', business_reason: 'Joining the on-call rota in January.', urgency: 'low' } },
  { workflow: 'it-incident', from: 'marcus', age: 3 * day, fields: incident('Keyboard missing keys', 'laptop', 'me', 'low', 'The E and R keys came off my laptop keyboard.', { asset_tag: 'LT-0088' }) },

  // Resolved recently: waiting for the requester to confirm, or confirmed with a rating.
  {
    workflow: 'it-incident', from: 'priya', age: 3 * day + 2 * hour,
    fields: incident('Cannot sign in to the intranet', 'other', 'me', 'high', 'The intranet says my account is disabled.'),
    steps: [
      { at: 10, by: 'agent', do: 'claim' },
      { at: 25, by: 'agent', do: 'resolve', code: 'solved', notes: 'The account was disabled by the leavers script by mistake; re-enabled it.' },
      { at: 60, by: 'priya', do: 'confirm', rating: 5, comment: 'Sorted in minutes, thank you!' },
    ],
  },
  {
    workflow: 'it-incident', from: 'tom', age: 3 * day + 5 * hour,
    fields: incident('Printer jams on every page', 'printer', 'team', 'medium', 'PRN-1F-01 jams on the first page every time.', { printer_id: 'PRN-1F-01' }),
    steps: [
      { at: 30, by: 'agent', do: 'claim' },
      { at: 35, by: 'agent', do: 'escalate', queue: 'end-user-devices', reason: 'Rollers worn; needs a service kit.' },
      { at: 200, by: 'specialist', do: 'claim' },
      { at: 400, by: 'specialist', do: 'resolve', code: 'solved', notes: 'Fitted the maintenance kit (rollers and fuser).' },
      { at: 500, by: 'tom', do: 'confirm', rating: 4, comment: 'Works again, took a while.' },
    ],
  },
  {
    workflow: 'it-incident', from: 'li', age: 4 * day,
    fields: incident('Calendar invites arrive an hour late', 'email', 'me', 'low', 'Times in invites from colleagues are one hour off.'),
    steps: [
      { at: 120, by: 'agent', do: 'claim' },
      { at: 130, by: 'agent', do: 'reply', body: 'Your Outlook time zone was set to London while your laptop is on Shanghai time. I have changed Outlook to match.' },
      { at: 131, by: 'agent', do: 'resolve', code: 'solved', notes: 'Outlook time zone aligned with Windows.' },
    ],
  },
  {
    workflow: 'service-request', from: 'gwen', age: 4 * day + 6 * hour,
    fields: { summary: 'Adobe Acrobat licence', item: 'software-licence', software_name: 'Adobe Acrobat Pro', business_reason: 'Editing Welsh-language forms.', urgency: 'medium' },
    steps: [
      { at: 60, by: 'agent', do: 'claim' },
      { at: 240, by: 'agent', do: 'resolve', code: 'solved', notes: 'Licence assigned; Acrobat installs from the Company Portal.' },
      { at: 300, by: 'gwen', do: 'confirm', rating: 5, comment: 'Diolch!' },
    ],
  },
  {
    workflow: 'it-incident', from: 'requester', age: 5 * day,
    fields: incident('Laptop very slow after the update', 'laptop', 'me', 'medium', 'Takes ten minutes to start since Tuesday\'s update.'),
    steps: [
      { at: 40, by: 'agent', do: 'claim' },
      { at: 45, by: 'agent', do: 'resolve', code: 'workaround', notes: 'Disabled the indexing service until the fixed update ships.' },
      { at: 600, by: 'requester', do: 'reopen', reason: 'Still slow, now it is the antivirus scan at start-up.' },
      { at: 700, by: 'agent', do: 'escalate', queue: 'end-user-devices', reason: 'Reopened: start-up scan, needs the devices team to adjust the policy.' },
      { at: 900, by: 'specialist', do: 'claim' },
    ],
  },
  {
    workflow: 'access-request', from: 'ioana', age: 5 * day + 4 * hour,
    fields: { summary: 'Remove access for a leaver', request_type: 'remove-access', system: 'file-share', access_level: 'write', manager_email: 'manager@example.com', details: 'Dan Hughes left on Friday.', urgency: 'high' },
    steps: [
      { at: 15, by: 'agent', do: 'claim' },
      { at: 20, by: 'agent', do: 'escalate', queue: 'identity', reason: 'Leaver: remove all file-share groups.' },
      { at: 60, by: 'specialist', do: 'claim' },
      { at: 90, by: 'specialist', do: 'resolve', code: 'solved', notes: 'Removed from 6 groups; home folder archived.' },
      { at: 200, by: 'ioana', do: 'confirm', rating: 5 },
    ],
  },
  {
    workflow: 'it-incident', from: 'marcus', age: 6 * day,
    fields: incident('Webcam not detected', 'laptop', 'me', 'medium', 'Teams says "no camera found".'),
    steps: [
      { at: 30, by: 'agent', do: 'claim' },
      { at: 35, by: 'agent', do: 'reply', body: 'There is a privacy switch on the left edge of the laptop; could you check it is not closed?' },
      { at: 36, by: 'agent', do: 'pending', comment: 'Asked to check the privacy switch.' },
      { at: 120, by: 'marcus', do: 'answer', body: 'That was it, embarrassing! Works now.' },
      { at: 130, by: 'agent', do: 'resolve', code: 'solved', notes: 'Privacy shutter was closed.' },
      { at: 140, by: 'marcus', do: 'confirm', rating: 5, comment: 'Quick and friendly.' },
    ],
  },
  {
    workflow: 'it-incident', from: 'tom', age: 6 * day + 8 * hour,
    fields: incident('Cannot connect to the guest Wi-Fi', 'wifi', 'me', 'low', 'Visitors cannot reach the guest Wi-Fi sign-in page.'),
    steps: [
      { at: 100, by: 'agent', do: 'claim' },
      { at: 110, by: 'agent', do: 'resolve', code: 'not-reproducible', notes: 'Guest portal worked from three devices; asked Tom to call when a visitor next has trouble.' },
      { at: 300, by: 'tom', do: 'confirm', rating: 3, comment: 'It worked the next day.' },
    ],
  },
  {
    workflow: 'it-incident', from: 'priya', age: 7 * day,
    fields: incident('Outlook search finds nothing', 'email', 'me', 'medium', 'Searching my mailbox returns no results at all.'),
    steps: [
      { at: 20, by: 'agent', do: 'claim' },
      { at: 80, by: 'agent', do: 'resolve', code: 'solved', notes: 'Rebuilt the Outlook search index.' },
      { at: 200, by: 'priya', do: 'confirm', rating: 2, comment: 'Fixed, but it took a whole morning without search.' },
    ],
  },
  {
    workflow: 'service-request', from: 'li', age: 7 * day + 3 * hour,
    fields: { summary: 'Second monitor', item: 'monitor', business_reason: 'Reviewing long contracts side by side.', urgency: 'low' },
    steps: [
      { at: 60, by: 'agent', do: 'claim' },
      { at: 70, by: 'agent', do: 'escalate', queue: 'end-user-devices', reason: 'Monitor from stock; needs delivery to floor 4.' },
      { at: 1000, by: 'specialist', do: 'claim' },
      { at: 1500, by: 'specialist', do: 'resolve', code: 'solved', notes: 'Delivered and set up a 27" monitor.' },
    ],
  },
  {
    workflow: 'it-incident', from: 'gwen', age: 8 * day,
    fields: incident('Duplicate: printer blank pages', 'printer', 'me', 'low', 'Same as the other ticket about floor 2.', { printer_id: 'PRN-2F-02' }),
    steps: [{ at: 30, by: 'agent', do: 'resolve', code: 'duplicate', notes: 'Same fault as the floor 2 printer ticket; we will update you there.' }],
  },
  {
    workflow: 'access-request', from: 'requester', age: 9 * day,
    fields: { summary: 'Account locked', request_type: 'account-unlock', system: 'email', access_level: 'read', manager_email: 'manager@example.com', urgency: 'high' },
    steps: [
      { at: 5, by: 'agent', do: 'claim' },
      { at: 9, by: 'agent', do: 'resolve', code: 'solved', notes: 'Unlocked; the phone had an old password and kept retrying.' },
      { at: 30, by: 'requester', do: 'confirm', rating: 5 },
    ],
  },
  {
    workflow: 'it-incident', from: 'ioana', age: 10 * day,
    fields: incident('Laptop battery swollen', 'laptop', 'me', 'high', 'The touchpad is lifting; I think the battery is swelling.', { asset_tag: 'LT-0042' }),
    steps: [
      { at: 10, by: 'agent', do: 'claim' },
      { at: 12, by: 'agent', do: 'reply', body: 'Please stop using it and unplug it now; bring it to the desk and we will swap it.' },
      { at: 15, by: 'agent', do: 'escalate', queue: 'end-user-devices', reason: 'Swollen battery: safety, replace the device.' },
      { at: 60, by: 'specialist', do: 'claim' },
      { at: 180, by: 'specialist', do: 'resolve', code: 'solved', notes: 'Replaced with LT-0205; old device sent for safe disposal.' },
      { at: 200, by: 'ioana', do: 'confirm', rating: 5, comment: 'Mulțumesc!' },
    ],
  },
  {
    workflow: 'it-incident', from: 'marcus', age: 11 * day,
    fields: incident('Email to a partner bounces', 'email', 'me', 'medium', 'Mails to anyone @partner.example bounce with 550.'),
    steps: [
      { at: 30, by: 'agent', do: 'claim' },
      { at: 40, by: 'agent', do: 'escalate', queue: 'network', reason: 'Partner\'s server rejects our SPF; needs a DNS change.' },
      { at: 500, by: 'specialist', do: 'claim' },
      { at: 900, by: 'specialist', do: 'resolve', code: 'solved', notes: 'Added the new mail relay to our SPF record.' },
      { at: 1000, by: 'marcus', do: 'confirm', rating: 4 },
    ],
  },
  {
    workflow: 'service-request', from: 'tom', age: 12 * day,
    fields: { summary: 'Cancel: headset request', item: 'headset', business_reason: 'Found a spare one in the office.', urgency: 'low' },
    steps: [{ at: 60, by: 'agent', do: 'resolve', code: 'cancelled', notes: 'Cancelled at Tom\'s request.' }],
  },
  {
    workflow: 'it-incident', from: 'priya', age: 12 * day + 5 * hour,
    fields: incident('Files on the share are read-only', 'other', 'team', 'high', 'Nobody in marketing can save to \\\\fs01\\marketing.'),
    steps: [
      { at: 10, by: 'agent', do: 'claim' },
      { at: 20, by: 'agent', do: 'escalate', queue: 'identity', reason: 'Share permissions changed; identity team owns the groups.' },
      { at: 40, by: 'specialist', do: 'claim' },
      { at: 70, by: 'specialist', do: 'resolve', code: 'solved', notes: 'Restored the marketing group\'s modify right, lost in a permissions clean-up.' },
      { at: 100, by: 'priya', do: 'confirm', rating: 4 },
    ],
  },
  {
    workflow: 'it-incident', from: 'li', age: 13 * day,
    fields: incident('VPN slow from the Shanghai office', 'vpn', 'team', 'medium', 'File copies over the VPN crawl at 100 kB/s.'),
    steps: [
      { at: 60, by: 'agent', do: 'claim' },
      { at: 70, by: 'agent', do: 'escalate', queue: 'network', reason: 'Latency 300 ms to the gateway; route via the Singapore point of presence?' },
      { at: 800, by: 'specialist', do: 'claim' },
      { at: 2000, by: 'specialist', do: 'resolve', code: 'workaround', notes: 'Split tunnelling for the file-sync service until the new regional gateway is live.' },
    ],
  },
  {
    workflow: 'it-incident', from: 'gwen', age: 14 * day,
    fields: incident('Welsh keyboard layout missing', 'laptop', 'me', 'low', 'I cannot type ŵ and ŷ since the laptop was rebuilt.'),
    steps: [
      { at: 100, by: 'agent', do: 'claim' },
      { at: 110, by: 'agent', do: 'resolve', code: 'solved', notes: 'Added the UK Extended keyboard layout; AltGr+w gives ŵ.' },
      { at: 150, by: 'gwen', do: 'confirm', rating: 5, comment: 'Gwych, diolch.' },
    ],
  },

  // Still open and long past their targets: what a manager should see first.
  {
    workflow: 'it-incident', from: 'tom', age: 3 * day + 7 * hour,
    fields: incident('Finance app crashes at month end', 'other', 'team', 'high', 'The finance app crashes when running the month-end report; three people affected.'),
    steps: [
      { at: 20, by: 'agent', do: 'claim' },
      { at: 30, by: 'agent', do: 'note', body: 'Reproduced: crash when the report covers more than 10,000 lines. Vendor ticket VND-7781 opened.' },
      { at: 40, by: 'agent', do: 'reply', body: 'We have reproduced the crash and opened a case with the vendor. Workaround: run the report per department.' },
    ],
  },
  { workflow: 'it-incident', from: 'ioana', age: 4 * day + 2 * hour, fields: incident('Docking station loses the network', 'laptop', 'me', 'medium', 'Wired network through the dock drops several times a day.') },
  {
    workflow: 'service-request', from: 'marcus', age: 8 * day,
    fields: { summary: 'Laptop replacement (5 years old)', item: 'laptop', business_reason: 'Current laptop is out of warranty and slow.', urgency: 'medium', cost_centre: 'CC-3300' },
    steps: [
      { at: 60, by: 'agent', do: 'claim' },
      { at: 70, by: 'agent', do: 'escalate', queue: 'end-user-devices', reason: 'Replacement from the refresh budget.' },
    ],
  },
  { workflow: 'it-incident', from: 'requester', age: 2 * day + 6 * hour, fields: incident('Scanner sends to the wrong folder', 'printer', 'me', 'low', 'Scans from PRN-2F-01 land in someone else\'s folder.', { printer_id: 'PRN-2F-01' }) },

  // Two weeks ago, closed long since (auto-closed or confirmed).
  {
    workflow: 'it-incident', from: 'priya', age: 15 * day,
    fields: incident('Monitor has a dead pixel line', 'laptop', 'me', 'low', 'A vertical green line down the middle of my monitor.'),
    steps: [
      { at: 60, by: 'agent', do: 'escalate', queue: 'end-user-devices', reason: 'Panel fault: swap the monitor.' },
      { at: 300, by: 'specialist', do: 'claim' },
      { at: 600, by: 'specialist', do: 'resolve', code: 'solved', notes: 'Monitor swapped under warranty.' },
    ],
  },
  {
    workflow: 'access-request', from: 'tom', age: 15 * day + 3 * hour,
    fields: { summary: 'Access to the HR system for payroll', request_type: 'new-access', system: 'hr-system', access_level: 'read', manager_email: 'manager@example.com', urgency: 'medium' },
    steps: [
      { at: 30, by: 'agent', do: 'escalate', queue: 'identity', reason: 'HR system access: identity team.' },
      { at: 200, by: 'specialist', do: 'claim' },
      { at: 400, by: 'specialist', do: 'resolve', code: 'solved', notes: 'Read access to payroll reports granted, approved by the HR manager.' },
      { at: 500, by: 'tom', do: 'confirm', rating: 4 },
    ],
  },
  {
    workflow: 'it-incident', from: 'li', age: 16 * day,
    fields: incident('Phone headset echo', 'phone', 'me', 'low', 'People hear themselves echo on my calls.'),
    steps: [
      { at: 100, by: 'agent', do: 'claim' },
      { at: 120, by: 'agent', do: 'resolve', code: 'solved', notes: 'Replaced the headset cable.' },
    ],
  },
];
