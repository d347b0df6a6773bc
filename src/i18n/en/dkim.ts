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
  'dkim.audit-keys-found': {
    title: 'DKIM keys found for {domain}',
    detail:
      'Keys receivers can use: {keys}. A key in DNS shows that {domain} can sign; whether your messages are signed with it shows in the report of a message you send.',
    fix: null,
  },
  'dkim.audit-none-found': {
    title: 'No DKIM key found at the common selectors',
    detail:
      'We looked under _domainkey.{domain} at {count} selectors that services and mail software commonly use ({selectors}) and found no key. DNS cannot list the selectors of a domain, so this does not mean {domain} has no DKIM key, only that its selector is none of these.',
    fix: 'Give your selector and run the audit again: open a message you sent from {domain}, find its DKIM-Signature header, and take the value of s= (for "s=mail2024;" the selector is mail2024). If your messages carry no DKIM-Signature with d={domain}, set DKIM up: generate a key (the DKIM key generator here makes one) and publish it as a TXT record at <selector>._domainkey.{domain}.',
  },
  'dkim.audit-selector-missing': {
    title: 'No DKIM key at {keyName}',
    detail:
      'You named the selector {selector}, but {keyName} has no TXT record. Receivers cannot verify any signature with s={selector}: those messages count as unsigned, and DMARC gets nothing from DKIM. Missing keys: {keys}.',
    fix: 'Publish the public key of the selector {selector} as a TXT record at {keyName} with the value "v=DKIM1; k=rsa; p=<base64 public key>" (your mail server or email provider shows the exact value), or check the selector: it is the s= value of the DKIM-Signature in a message you sent.',
  },
  'dkim.audit-selector-invalid': {
    title: 'Not a DKIM selector: {selectors}',
    detail:
      'A selector is a DNS name of letters, digits, hyphens, underscores and dots. {selectors} is not one, so it was not looked up.',
    fix: 'Give the s= value of a DKIM-Signature header exactly as it is written, e.g. selector1.',
  },
  'dkim.audit-cname-dangling': {
    title: 'The DKIM selector {selector} points to a key that does not exist',
    detail:
      '{keyName} is a CNAME to {target}, but there is no key there. This is how providers that publish the key for you (Microsoft 365, SendGrid, Mailchimp and others) set DKIM up: the CNAME is in place, but signing with your domain is not turned on at the provider, or the provider has changed the target. Until it is fixed, the provider signs your mail with its own domain, which does not count for DMARC at {domain}. Affected: {keys}.',
    fix: "Turn on DKIM signing for {domain} in your provider's settings (Microsoft 365: Microsoft Defender portal, Email authentication settings, DKIM, {domain}, Enable), and check that the CNAME at {keyName} points exactly where the provider now says. If you no longer use that provider, delete the CNAME at {keyName}.",
  },
  'dkim.audit-key-invalid': {
    title: 'The DKIM key at {keyName} cannot be used',
    detail:
      'The TXT record at {keyName} is not a usable key: {reason}. Receivers treat signatures with s={selector} as unverifiable. Record: {record}. Affected keys: {keys}.',
    fix: 'Publish the public key again at {keyName} as one TXT record with the value "v=DKIM1; k=rsa; p=<base64 public key>": copy it in full from your mail server or provider, without quotes or line breaks, and let the DNS provider split it into strings of 255 characters. The DKIM key generator here makes a new key and its exact record if you need one.',
    values: {
      reason: {
        'no-key': 'it has no p= tag (the public key)',
        'bad-base64': 'the p= value is not valid base64 (characters were lost or added when it was copied)',
        truncated: 'it ends after 255 characters, where many DNS web forms cut a string',
        'unknown-type': 'the p= value is not an RSA or Ed25519 public key, or does not match k=',
        'unknown-version': 'v= is not DKIM1',
        'not-email': 's= does not list email, so the key is not for mail',
        'not-a-key': 'it is not a DKIM key record (no v=DKIM1 and no p=)',
      },
    },
  },
  'dkim.audit-key-split': {
    title: 'The DKIM key at {keyName} is split into several TXT records',
    detail:
      'The key was published as separate TXT records, one per piece. A long value must be one TXT record made of several strings: receivers read one record, so they see a cut key, and DNS returns the records in any order. Signatures with s={selector} cannot be verified.',
    fix: 'Delete the TXT records at {keyName} and publish a single record whose strings are the pieces in order. In zone-file form: {fixedRecord}. In a DNS web form, paste the whole value into one record; the provider splits it.',
  },
  'dkim.audit-key-quoted': {
    title: 'The DKIM key at {keyName} contains quote characters',
    detail:
      'The TXT record at {keyName} holds literal " characters: the quotes of a zone file were pasted into a DNS web form, which stored them as part of the value. Receivers read them as part of the key, which is then invalid. Record: {record}.',
    fix: 'Replace the record at {keyName} with the value without quotes. In zone-file form: {fixedRecord}. In a web form, paste only the text between the quotes, joined into one value.',
  },
  'dkim.audit-key-multiple': {
    title: 'Several DKIM key records at {keyName}',
    detail:
      '{keyName} has more than one TXT record with a key. Receivers use one of them, whichever DNS returns first, so signatures verify only some of the time. Affected: {keys}.',
    fix: 'At {keyName}, keep only the record of the key your mail server signs with and delete the others. To rotate keys, publish the new key at a new selector instead of beside the old one.',
  },
  'dkim.audit-key-revoked': {
    title: 'The DKIM key at {keyName} is revoked',
    detail:
      'The record at {keyName} has an empty p=: the key has been withdrawn (RFC 6376 3.6.1). That is how a key rotation ends, and nothing is wrong if no mail is signed with s={selector} any more; a message still signed with it fails DKIM. Affected: {keys}.',
    fix: 'If your mail server or provider still signs with the selector {selector}, switch it to a selector with a live key, or publish the current public key at {keyName}.',
  },
  'dkim.audit-key-too-large': {
    title: 'The DKIM key at {keyName} has more than 4096 bits ({keyBits})',
    detail:
      'RFC 8301 requires verifiers to handle RSA keys of 1024 to 4096 bits. Larger keys are not sure to verify everywhere, and their records no longer fit in a small DNS answer. Affected: {keys}.',
    fix: 'Publish a 2048-bit RSA key at a new selector, e.g. new._domainkey.{domain}, switch signing to it, and delete {keyName} once no mail signed with it is still in transit.',
  },
  'dkim.audit-key-sha1-only': {
    title: 'The DKIM key at {keyName} allows only SHA-1',
    detail:
      'The record has an h= tag without sha256, so the key may be used only with rsa-sha1. RFC 8301 forbids rsa-sha1 and receivers may refuse it, while rsa-sha256 signatures with this key fail. Affected: {keys}.',
    fix: 'Remove the h= tag from the record at {keyName} (or make it h=sha256) and have the signer use rsa-sha256.',
  },
  'dkim.audit-key-syntax': {
    title: 'The DKIM key record at {keyName} has a syntax error',
    detail:
      'Most receivers accept the record at {keyName}, but {problem}. RFC 6376 6.1.2 has verifiers ignore a key record that breaks the syntax, so strict receivers cannot verify signatures with it. Record: {record}.',
    fix: 'Publish the record in the standard form, "v=DKIM1; k={keyType}; p=<base64 public key>": v=DKIM1 first, each tag once, tags separated by semicolons.',
    values: {
      problem: {
        'empty-tag': 'it has an empty part between two semicolons',
        'no-equals': 'it has a part without "=" (a stray word)',
        'bad-tag-name': 'a tag name is not valid',
        'duplicate-tag': 'a tag appears twice',
        'v-not-first': 'v=DKIM1 is not the first tag, or is not written exactly so',
        'k-missing': 'it holds an Ed25519 key without k=ed25519 (k= means rsa when it is absent)',
      },
    },
  },
  'dkim.audit-key-strict': {
    title: 'The DKIM key at {keyName} has t=s',
    detail:
      't=s means that signatures with this key must name exactly {domain} in i=, never a subdomain (RFC 6376 3.6.1). That is fine unless your signer puts a subdomain in i=; such signatures fail. Affected: {keys}.',
    fix: null,
  },
  'dkim.audit-ed25519-only': {
    title: 'Only Ed25519 DKIM keys found',
    detail:
      'Every key we found is an Ed25519 key ({keys}). Ed25519 (RFC 8463) is not verified by every receiver yet; those that do not verify it treat such signatures as unverifiable. RFC 8463 expects Ed25519 to be used beside RSA, each message signed twice.',
    fix: 'Add a 2048-bit RSA key at another selector, e.g. rsa._domainkey.{domain}, and sign each message with both keys. If you already sign with an RSA key at a selector we did not try, give that selector to the audit.',
  },
  'dkim.audit-temperror': {
    title: 'Some DKIM key lookups failed',
    detail: 'The lookups of {selectors} failed ({error}), so whether keys are published there is unknown.',
    fix: 'Check that the authoritative DNS servers of {domain} answer TXT queries under _domainkey.{domain} quickly, over UDP and TCP, then run the audit again.',
  },
  'dkim.generated-key': {
    title: 'Publish the new key at {name}',
    detail:
      'This key pair was generated for this request and is not stored anywhere: keep the private key safe (it is shown only now) and configure it in your mail server or provider as the key for d={domain}, s={selector}. The public key goes into DNS as one TXT record at {name}; its value is split into {strings} string(s) of at most 255 characters, which receivers join.',
    fix: 'Publish this record in the zone of {domain}: {zoneLine} Then turn on signing with the selector {selector}, send a test message, and check that DKIM passes.',
  },
  'dkim.generated-ed25519': {
    title: 'Publish an RSA key beside the Ed25519 key',
    detail:
      'Ed25519 keys are short and strong, but not every receiver verifies Ed25519 signatures yet (RFC 8463); those that do not treat them as unverifiable. RFC 8463 expects senders to sign with an RSA key as well.',
    fix: 'Generate a 2048-bit RSA key too, publish it at another selector (e.g. rsa._domainkey.{domain}), and configure your signer to add both signatures to every message.',
  },
};
