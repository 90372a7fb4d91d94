export { dashboardRoutes } from './dashboard.routes';
export { getDashboard } from './dashboard.service';
