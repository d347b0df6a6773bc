import type { AreaCatalog } from '../types.js';

export const envelope: AreaCatalog<'envelope'> = {
  'envelope.from-received': {
    title: 'Sending IP {ip} read from Received header {header}',
    detail:
      'No sending IP was given, so it was read from the Received headers. Each server that passes a message on adds one on top, so the top ones come from your own systems. Walking down from the top, the headers taken as your own were skipped (hand-offs without an address, private or reserved addresses, relays you named as trusted; {skipped} in all), and the first public address a server received the message from was taken: header {header} counted from the top, "{field}". {taken} The headers below it could have been written by the sender, so none of them was used.',
    fix: 'If that is not the server that delivered the message to your systems, give its address: mailscore analyze --ip <address> (API: POST /api/analyze?ip=<address>). If it is one of your own relays, name it with --trusted-relay <ip|cidr|host> (API: ?trustedRelay=) and it is skipped.',
    values: {
      taken: {
        'helo-tls': 'Its HELO name and its TLS record were used as well.',
        helo: 'Its HELO name was used as well.',
        tls: 'Its TLS record was used as well.',
        none: 'Nothing else was taken from it.',
      },
    },
  },
};
