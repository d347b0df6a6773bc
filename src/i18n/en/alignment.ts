import type { AreaCatalog } from '../types.js';

export const alignment: AreaCatalog<'alignment'> = {
  'alignment.aligned': {
    title: 'All sending identities belong to {orgDomain}',
    detail:
      'From ({fromDomain}) and the identities checked ({aligned}) all belong to the organizational domain {orgDomain}, and DKIM is an author signature. Receivers attribute this mail, and its reputation, to your domain alone.',
    fix: null,
  },
  'alignment.partial': {
    title: 'Not every sending identity belongs to {orgDomain}',
    detail:
      'From is {fromDomain}, but these identities are in another organizational domain or missing (current → suggested): {changes}. Receivers such as Gmail keep a reputation per domain: where these are a service provider’s, your mail shares that provider’s reputation, and DMARC can rely only on the aligned ones.',
    fix: 'Move each listed identity into your own domain ({changes}). MAIL FROM: set up a custom bounce (Return-Path) domain, {fromDomain} or a name under {orgDomain}, with your sending service, and allow {ip} in its SPF record. DKIM d=: have the service sign as d={fromDomain} and publish the key it gives you. PTR: ask whoever runs {ip} (your hosting provider or ISP) to set its reverse DNS to the suggested name, and make that name resolve back to {ip}; use the same name for HELO.',
  },
};
