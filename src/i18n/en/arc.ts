import type { AreaCatalog } from '../types.js';

export const arc: AreaCatalog<'arc'> = {
  'arc.none': {
    title: 'No ARC chain',
    detail:
      'The message carries no ARC headers, which is normal for mail sent directly. ARC (RFC 8617) is added by forwarders and mailing lists, so that the final receiver can trust the authentication results recorded before the message was changed.',
    fix: null,
  },
  'arc.pass': {
    title: 'ARC chain validates ({sets} set(s), newest sealed by {sealer})',
    detail:
      'The ARC chain of {sets} set(s) validates; the newest set was sealed by {sealer} with the key at {keyName}. ARC matters for forwarded mail: when a forwarder changes the message and DKIM or SPF fail, the final receiver can still trust the results recorded before the change.',
    fix: null,
  },
  'arc.fail': {
    title: 'ARC chain does not validate',
    detail:
      'The message carries {sets} ARC set(s), but the chain does not validate ({reason}). ARC only matters for forwarded mail: receivers ignore a broken chain and judge the message on its own SPF, DKIM and DMARC results.',
    fix: 'If your own systems add ARC headers (a gateway, list server or relay sealing as {sealer}), check that the sealing key is published at {keyName} and matches the private key, that sealing is the last step before sending, and that nothing changes the message after it is sealed.',
  },
};
