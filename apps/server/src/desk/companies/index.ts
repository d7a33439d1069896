export {
  COMPANY_COLUMNS,
  findCompanyById,
  type CompanyChanges,
  type CompanyRow,
  type NewCompany,
} from './company.repository.js';
export { presentCompany } from './company.presenter.js';
export { companiesRoutes } from './company.routes.js';
