import type { AreaCatalog } from '../types.js';

export const attachments: AreaCatalog<'attachments'> = {
  'attachments.pass': {
    title: 'The attachments look safe ({count})',
    detail:
      'Attachments: {names}. None is a program or script, none hides its type behind another name, none carries macros, and none is an encrypted archive.',
    fix: null,
  },
  'attachments.executable': {
    title: 'A program or script is attached: {names}',
    detail:
      'Files that run when opened ({count}): {names}. Gmail refuses any message carrying one, even inside a ZIP or RAR, and Outlook blocks such files. Attachments that run code are also how targeted attacks (mail posing as a business partner) infect their victims, so every gateway quarantines them.',
    fix: 'Do not attach programs or scripts. Put the file on a download page or a file-sharing service you control and send the link instead.',
  },
  'attachments.disguised': {
    title: 'An attachment is a program under another name: {names}',
    detail:
      'These files are programs by their content but not by their name ({count}): {names}. A program dressed as a document is the standard carrier of targeted attacks: the victim thinks they are opening an invoice. Gmail reads the bytes, not the name, and refuses the message.',
    fix: 'Do not attach programs. If this file is not a program you meant to send, the sending computer may be infected: scan it, and check where the attachment came from before sending again.',
  },
  'attachments.double-extension': {
    title: 'An attachment name hides its real type: {names}',
    detail:
      'These names put a trusted extension before the real one, or push the real one out of view with spaces ({count}): {names}. Windows hides known extensions by default, so “invoice.pdf.exe” shows as “invoice.pdf”. The trick belongs to malware, and gateways quarantine it.',
    fix: 'Give each file one extension that says what it is (report.pdf), without extra dots or padding.',
  },
  'attachments.rtl-override': {
    title: 'An attachment name holds a text-direction control: {names}',
    detail:
      'These names contain an invisible Unicode bidirectional control (shown here as [U+…]) ({count}): {names}. The right-to-left override makes “invoice[U+202E]fdp.exe” display as “invoiceexe.pdf”; it has no honest use in a file name, and mail gateways quarantine it.',
    fix: 'Rename the file with ordinary characters only (for example invoice.pdf) before attaching it.',
  },
  'attachments.macro': {
    title: 'An Office document with macros is attached: {names}',
    detail:
      'Documents carrying VBA macros ({count}): {names}. Macro documents were the main way malware such as Emotet spread; Microsoft 365 now blocks macros in files from the internet, Gmail refuses malicious ones, and many companies quarantine every macro document.',
    fix: 'Save the document without macros (.docx, .xlsx, .pptx, or PDF) before sending; if the recipient needs the macro, agree on another way to share it.',
  },
  'attachments.encrypted': {
    title: 'An encrypted archive or password-protected document is attached: {names}',
    detail:
      'Encrypted files ({count}): {names}. No scanner can look inside them, so gateways quarantine or strip them, and Gmail refuses encrypted archives that hold other archives. Attackers use exactly this (Emotet sent password-protected ZIPs with the password in the same mail). Sending a password-protected ZIP and its password in a second mail (the “PPAP” habit) protects nothing: both travel the same way.',
    fix: 'Share the file through a file-sharing service with access control (or a download link that expires) instead of attaching an encrypted archive; if it must be encrypted, agree on the password through another channel.',
  },
  'attachments.html-form': {
    title: 'An HTML attachment holds a form or a script: {names}',
    detail:
      'HTML files with forms, scripts or redirects ({count}): {names}. An attached web page that asks for a password, or builds a file with a script (“HTML smuggling”), is a common phishing carrier; Gmail and Microsoft Defender flag such attachments.',
    fix: 'Do not attach HTML pages; link to the page on your website instead, or send the content as PDF.',
  },
  'attachments.partial': {
    title: 'Only some of the attachments were checked',
    detail:
      'The message is larger than the {limitMb} MB we decode, or carries more attachments than we read; {count} attachments were checked. The files read were judged; later ones may be cut or missing.',
    fix: null,
  },
};
