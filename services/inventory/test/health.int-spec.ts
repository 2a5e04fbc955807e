import { describeServiceBoots } from '@askfirst/testing';
import { AppModule } from '../src/app.module';
import { loadConfig } from '../src/config';

describeServiceBoots('inventory', (env) => AppModule.forRoot(loadConfig(env)));
