import 'reflect-metadata';
import { startService } from '@askfirst/platform';
import { AppModule } from './app.module';
import { loadConfig } from './config';

const config = loadConfig();
startService(AppModule.forRoot(config), {
  name: 'notification',
  port: config.port,
  description: 'Notices to shoppers, delivery status and decision links.',
  // Decision links are answered by an HTML form post.
  acceptForms: true,
  secrets: ['DECISION_LINK_SECRET', 'WEBHOOK_SIGNING_SECRET'],
}).catch((error) => {
  console.error(error);
  process.exit(1);
});
