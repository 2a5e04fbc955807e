import 'reflect-metadata';
import { startService } from '@askfirst/platform';
import { AppModule } from './app.module';
import { loadConfig } from './config';

const config = loadConfig();
startService(AppModule.forRoot(config), { name: 'notification', port: config.port, description: 'Notices to shoppers, delivery status and decision links.' }).catch((error) => {
  console.error(error);
  process.exit(1);
});
