import 'reflect-metadata';
import { startService } from '@askfirst/platform';
import { AppModule } from './app.module';
import { loadConfig } from './config';

const config = loadConfig();
startService(AppModule.forRoot(config), { name: 'customer-service', port: config.port, description: 'Cases, SLA clocks, the agent queue and console.' }).catch((error) => {
  console.error(error);
  process.exit(1);
});
