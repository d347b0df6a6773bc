import type { AreaCatalog } from '../types.js';

export const tls: AreaCatalog<'tls'> = {
  'tls.pass': {
    title: 'Delivered over TLS ({protocol})',
    detail: 'The message reached us encrypted with {protocol} ({cipher}).',
    fix: null,
  },
  'tls.none': {
    title: 'Delivered without TLS',
    detail:
      'The message reached us unencrypted. Gmail shows a red open padlock on such mail, and anyone on the path could read or change it.',
    fix: 'Enable STARTTLS on the server that sends for {domain}, and make it use TLS whenever the receiving server offers it (Postfix: smtp_tls_security_level = may).',
  },
  'tls.old': {
    title: 'Delivered over an outdated TLS version ({protocol})',
    detail: '{protocol} is deprecated (RFC 8996). Receivers and auditors treat it as unencrypted.',
    fix: 'Allow TLS 1.2 and 1.3 only on the server that sends for {domain} (Postfix: smtp_tls_protocols = >=TLSv1.2), and update its TLS library if it cannot.',
  },
};
