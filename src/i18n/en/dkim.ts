import type { AreaCatalog } from '../types.js';

export const dkim: AreaCatalog<'dkim'> = {
  'dkim.pass': {
    title: 'DKIM signature of {domain} verified',
    detail:
      'The signature of {domain} (selector {selector}, {algorithm}, {keyBits}-bit key) verifies and is aligned with the From domain {fromDomain}, so DMARC can rely on it. {passing} of {total} verified signatures pass.',
    fix: null,
  },
  'dkim.none': {
    title: 'The message is not DKIM-signed',
    detail:
      'No DKIM-Signature header was found. Without DKIM, DMARC rests on SPF alone, which breaks as soon as the message is forwarded. Gmail and Yahoo require SPF or DKIM from every sender, and DKIM from bulk senders.',
    fix: 'Sign all outgoing mail with DKIM using d={fromDomain}: create a 2048-bit RSA key pair, publish the public key as a TXT record at <selector>._domainkey.{fromDomain} with the value "v=DKIM1; k=rsa; p=<base64 public key>", and turn on signing in your mail server (OpenDKIM, rspamd, ...) or in your email provider\'s settings.',
  },
  'dkim.fail': {
    title: 'No DKIM signature verifies',
    detail:
      '{count} DKIM signature(s) found, none verifies ({reasons}). Receivers treat the message as unsigned at best, and a broken signature can look like tampering.',
    fix: 'Fix the signature of {domain} (selector {selector}), which reports "{reason}". For "no key" or "key revoked", publish the public key as a TXT record at {keyName} ("v=DKIM1; k=rsa; p=<base64 public key>"). For "body hash did not verify", sign as the very last step, after everything that changes the body (footers, disclaimers, antivirus notes, line-ending conversion). For "bad signature", check that the private key matches the key published at {keyName} and that no signed header is rewritten after signing.',
  },
  'dkim.third-party-only': {
    title: 'Only a third-party DKIM signature passes ({domains})',
    detail:
      'The passing signature(s) use d={domains}, which is not aligned with the From domain {fromDomain}. DMARC gets nothing from DKIM, and Gmail shows "via {domain}" next to the sender.',
    fix: 'Have the message signed with d={fromDomain} (or a subdomain of it): set up custom-domain DKIM ("authenticate your domain") with your email provider and publish the TXT or CNAME records it gives you under _domainkey.{fromDomain}.',
  },
  'dkim.temperror': {
    title: 'DKIM key lookup failed temporarily',
    detail:
      'The DNS lookup of the public key at {keys} timed out or failed. Receivers retry later or treat the signature as unverified.',
    fix: 'Check that every authoritative DNS server of {domain} answers queries for {keyName} quickly, over UDP and TCP, then test again.',
  },
  'dkim.key-too-small': {
    title: 'DKIM key too small ({keyBits} bits)',
    detail:
      'The RSA key at {keyName} has only {keyBits} bits. RFC 8301 forbids verifying with RSA keys under 1024 bits, and Gmail and other receivers ignore such signatures. Affected keys: {keys}.',
    fix: 'Generate a new 2048-bit RSA key (e.g. openssl genrsa -out {selector}.key 2048), publish its public key at a new selector, e.g. a TXT record at new._domainkey.{domain} with "v=DKIM1; k=rsa; p=<base64 public key>", switch signing to the new selector, then delete the old record at {keyName}.',
  },
  'dkim.key-1024': {
    title: 'DKIM key is only 1024 bits',
    detail:
      'The RSA key at {keyName} has 1024 bits. It still verifies, but 1024 bits is only the minimum of RFC 8301 and 2048 bits is the recommended size. Affected keys: {keys}.',
    fix: 'Publish a 2048-bit RSA key at a new selector, e.g. a TXT record at new._domainkey.{domain} with "v=DKIM1; k=rsa; p=<base64 public key>" (split into strings of at most 255 characters; most DNS providers do this for you), switch signing to it, and delete {keyName} once no mail signed with the old key is still in transit.',
  },
  'dkim.rsa-sha1': {
    title: 'DKIM signature uses rsa-sha1',
    detail:
      'The signature of {domain} (selector {selector}) uses rsa-sha1. RFC 8301 says rsa-sha1 must not be used for signing or verifying: SHA-1 is broken, and receivers may stop accepting it.',
    fix: 'Configure the signer of {domain} to use rsa-sha256 (the key at {keyName} keeps working), or ed25519-sha256 with an additional key.',
  },
  'dkim.body-length': {
    title: 'DKIM signature covers only part of the body (l={bodyLength})',
    detail:
      'The signature of {domain} (selector {selector}) has l={bodyLength}: it covers only the first {bodyLength} bytes of the body, and {unsignedBytes} bytes of this message are not covered. Anyone can append content without breaking the signature, which is why Gmail advises against l=. Affected keys: {keys}.',
    fix: 'Turn off the body-length option in the signer of {domain} (OpenDKIM: remove BodyLengthDB) so that signatures carry no l= tag and cover the whole body.',
  },
  'dkim.expired': {
    title: 'DKIM signature has expired',
    detail:
      'The signature of {domain} (selector {selector}) expired at {expiresAt} (x= tag). An expired signature does not verify (RFC 6376 3.5). Affected keys: {keys}.',
    fix: "Give signatures of {domain} a longer lifetime (several days at least, so that delayed mail still verifies) or no x= tag at all, and check that the signing server's clock is right.",
  },
  'dkim.testing': {
    title: 'DKIM key is in testing mode (t=y)',
    detail:
      'The key record at {keyName} has t=y: receivers are asked to treat mail whose signature fails like unsigned mail, and some give the signature less weight even when it passes. Affected keys: {keys}.',
    fix: 'Once signatures verify reliably, remove t=y from the TXT record at {keyName}.',
  },
  'dkim.skipped': {
    title: 'Only the first {verified} of {total} DKIM signatures were verified',
    detail:
      'The message carries {total} DKIM signatures. Each costs a DNS lookup and a body hash, so we verify at most {limit} and list the other {skipped} as not verified. Real mail carries one to three signatures.',
    fix: "Sign each message once or twice (your own domain, and your provider's if it insists), and remove the extra signing steps that add the others.",
  },
};
