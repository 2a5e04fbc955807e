// A stand-in for the SMS provider and the shopper app's webhook receiver in docker compose:
// logs every request as one JSON line (`docker compose logs -f http-sink`) and answers 202.
const http = require('node:http');

const port = Number(process.env.PORT ?? 8080);
http
  .createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk) => {
      if (body.length < 64 * 1024) body += chunk;
    });
    req.on('end', () => {
      if (req.url === '/health') {
        res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
        return;
      }
      console.log(JSON.stringify({ time: new Date().toISOString(), method: req.method, url: req.url, headers: req.headers, body }));
      res.writeHead(202, { 'content-type': 'application/json' }).end('{"accepted":true}');
    });
  })
  .listen(port, () => console.log(JSON.stringify({ msg: `http-sink listening on ${port}` })));
process.on('SIGTERM', () => process.exit(0));
