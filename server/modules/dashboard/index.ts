// The dashboard module's public face.
import { defineModule } from '../module';
import { dashboardRoutes } from './dashboard.routes';
import { coreFigures } from './dashboard.sources';

export { getDashboard } from './dashboard.service';
export { provideDashboardSources } from './dashboard.sources';

/** Each role's home page: live figures from the modules' dashboard sources. */
export const dashboardModule = defineModule({
  name: 'dashboard',
  routes: (app) => dashboardRoutes(app),
  dashboard: coreFigures,
});
