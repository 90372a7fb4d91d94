// Every template module, loaded for its registrations. Later modules add a line (or register their
// own templates with defineTemplate from their folders).
import './account.templates';
import './organisation.templates';

export {
  defineTemplate,
  findTemplate,
  formatInstant,
  email,
  escapeHtml,
  type Template,
  type Rendered,
  type RenderContext,
} from './template';
