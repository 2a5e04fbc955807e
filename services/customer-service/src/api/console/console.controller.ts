import { Controller, Get, Param, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ProblemException, Public } from '@askfirst/platform';

interface RawResponse {
  setHeader(name: string, value: string): unknown;
  end(body: string): unknown;
}

const ASSETS: Record<string, string> = {
  'console.js': 'text/javascript; charset=utf-8',
  'console.css': 'text/css; charset=utf-8',
};

// The page is a public shell: it holds no data, and every call it makes carries the agent's token.
// The CSP allows only our own script, style and API, so a case text can never run as code.
const SECURITY_HEADERS: Record<string, string> = {
  'Content-Security-Policy': "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cache-Control': 'no-store',
};

/** The agent console: plain HTML, CSS and JS files served as they are (no build step). */
@ApiExcludeController()
@Controller('console')
export class ConsoleController {
  private readonly files = new Map<string, string>(
    ['console.html', ...Object.keys(ASSETS)].map((name) => [name, readFileSync(join(__dirname, 'assets', name), 'utf8')]),
  );

  @Public()
  @Get()
  page(@Res() res: RawResponse): void {
    this.send(res, 'console.html', 'text/html; charset=utf-8');
  }

  @Public()
  @Get(':asset')
  asset(@Param('asset') asset: string, @Res() res: RawResponse): void {
    const type = ASSETS[asset];
    if (!type) throw new ProblemException({ status: 404, detail: 'No such console asset.' });
    this.send(res, asset, type);
  }

  private send(res: RawResponse, name: string, type: string): void {
    res.setHeader('Content-Type', type);
    for (const [header, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(header, value);
    res.end(this.files.get(name)!);
  }
}
