/** The approvals pages in Cymraeg (Welsh). */
import type { ApprovalMessages } from './en.ts';

export const approvalsCy: ApprovalMessages = {
  'nav.awaiting': 'Yn aros am fy nghymeradwyaeth',

  'link.title': 'Gofynnwyd am gymeradwyaeth',
  'link.intro': 'Gofynnir i chi gymeradwyo\'r cais hwn. Ni phenderfynir dim nes i chi gadarnhau isod.',
  'list.title': 'Yn aros am fy nghymeradwyaeth',
  'list.intro': 'Ceisiadau sy\'n aros am eich ie neu na, yr hynaf yn gyntaf.',
  'list.empty.title': 'Does dim yn aros amdanoch chi',
  'list.empty.text': 'Pan fydd cais angen eich cymeradwyaeth, bydd yn ymddangos yma, a chewch e-bost amdano.',

  'request.ticket': 'Cais',
  'request.title': 'Pwnc',
  'request.requester': 'Gofynnwyd gan',
  'request.workflow': 'Math',
  'request.step': 'Cam cymeradwyo',
  'request.submitted': 'Cyflwynwyd',
  'request.answers': 'Beth y gofynnwyd amdano',

  'decide.legend': 'Eich penderfyniad',
  'decide.approve': 'Cymeradwyo',
  'decide.reject': 'Gwrthod',
  'decide.comment': 'Sylw (dewisol)',
  'decide.commentHelp': 'Mae\'n mynd i hanes y cais; pan fyddwch yn gwrthod, caiff y ceisydd wybod.',
  'decide.confirm': 'Cadarnhau: {decision}',
  'decide.choose': 'Dewiswch gymeradwyo neu wrthod yn gyntaf.',
  'decide.sending': 'Yn anfon…',

  'done.approved': 'Rydych wedi cymeradwyo {number}. Diolch.',
  'done.rejected': 'Rydych wedi gwrthod {number}. Mae\'r ceisydd wedi cael gwybod.',

  'used.title': 'Mae\'r ddolen hon eisoes wedi\'i defnyddio',
  'used.approved': 'Rhoddwyd y gymeradwyaeth hon eisoes: fe wnaethoch ei chymeradwyo.',
  'used.rejected': 'Rhoddwyd y gymeradwyaeth hon eisoes: fe wnaethoch ei gwrthod.',
  'used.closed': 'Mae rhywun arall eisoes wedi penderfynu ar y cam cymeradwyo hwn. Does dim ar ôl i chi ei wneud.',
  'bad.title': 'Ni ellir defnyddio\'r ddolen hon',
  'bad.forged': 'Nid yw\'r ddolen gymeradwyo hon yn ddilys. Agorwch y ddolen o\'r e-bost eto, neu penderfynwch yn y ddesg dan "Yn aros am fy nghymeradwyaeth".',
  'bad.expired': 'Mae\'r ddolen gymeradwyo hon wedi dod i ben. Penderfynwch yn y ddesg dan "Yn aros am fy nghymeradwyaeth", neu gofynnwch am ddolen newydd.',
  'bad.decided': 'Penderfynwyd ar y gymeradwyaeth hon eisoes; does dim ar ôl i chi ei wneud.',
};
