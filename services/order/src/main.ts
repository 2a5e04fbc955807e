import 'reflect-metadata';
import { startService } from '@askfirst/platform';
import { AppModule } from './app.module';
import { loadConfig } from './config';

const config = loadConfig();
startService(AppModule.forRoot(config), { name: 'order', port: config.port, description: 'Orders, shortage decisions, refunds and timelines.' }).catch((error) => {
  console.error(error);
  process.exit(1);
});
