import 'reflect-metadata';
import { startService } from '@askfirst/platform';
import { AppModule } from './app.module';
import { loadConfig } from './config';

const config = loadConfig();
startService(AppModule.forRoot(config), { name: 'inventory', port: config.port, description: 'Stock per store, reservations, picker adjustments, substitutes and back-orders.' }).catch((error) => {
  console.error(error);
  process.exit(1);
});
