import { Body, Controller, Get, Param, Post, Res } from '@nestjs/common';
import { ApiConsumes, ApiOkResponse, ApiOperation, ApiParam, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Public, RateLimit } from '@askfirst/platform';
import { DecideThroughLinkUseCase } from '../application/decide-through-link.usecase';
import { OpenDecisionLinkUseCase } from '../application/open-decision-link.usecase';
import { DecisionFormRequest } from './dto/decision-form.request';
import { choicePage, decisionResultPage, refusalPage } from './pages/decision.pages';
import { HtmlPage, PAGE_HEADERS } from './pages/page-layout';

// The Express response, as far as these pages use it (the repo does not install @types/express).
interface PageResponse {
  status(code: number): unknown;
  setHeader(name: string, value: string): unknown;
  send(body: string): unknown;
}

/** The landing page of a decision link. Public: the signed token is the credential. */
@ApiTags('decision-links')
@Controller('d')
export class DecisionLinkController {
  constructor(
    private readonly openLink: OpenDecisionLinkUseCase,
    private readonly decide: DecideThroughLinkUseCase,
  ) {}

  @Get(':token')
  @Public()
  @RateLimit({ key: 'decision-link-view', limit: 60, windowSeconds: 60 })
  @ApiOperation({ summary: 'Shows what is missing and the options. Never decides (mail scanners follow GET links).' })
  @ApiParam({ name: 'token', description: 'Signed, expiring, single-use token from the notice', schema: { type: 'string', maxLength: 300 } })
  @ApiProduces('text/html')
  @ApiOkResponse({ description: 'The decision page; a refused link (not ours, expired, used) is a 4xx page.', content: { 'text/html': { schema: { type: 'string' } } } })
  async view(@Param('token') token: string, @Res() res: PageResponse): Promise<void> {
    const outcome = await this.openLink.execute(token);
    send(res, outcome.kind === 'OPEN' ? choicePage(outcome.link, outcome.choices) : refusalPage(outcome));
  }

  @Post(':token')
  @Public()
  @RateLimit({ key: 'decision-link-decide', limit: 20, windowSeconds: 60 })
  @ApiOperation({ summary: "Records the shopper's choice with the order service (form post); the link is then spent." })
  @ApiParam({ name: 'token', schema: { type: 'string', maxLength: 300 } })
  @ApiProduces('text/html')
  @ApiConsumes('application/x-www-form-urlencoded', 'application/json')
  @ApiOkResponse({ description: 'The result page; a refused link or a too-late decision is a 4xx page.', content: { 'text/html': { schema: { type: 'string' } } } })
  async choose(@Param('token') token: string, @Body() body: DecisionFormRequest, @Res() res: PageResponse): Promise<void> {
    send(res, decisionResultPage(await this.decide.execute(token, body.choice)));
  }
}

function send(res: PageResponse, page: HtmlPage): void {
  res.status(page.status);
  for (const [name, value] of Object.entries(PAGE_HEADERS)) res.setHeader(name, value);
  res.send(page.html);
}
