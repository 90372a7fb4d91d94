// The notifications module's own template (the operator's test notice). Other modules define theirs
// with defineTemplate in their own folders and list them in their manifests.
import './system.templates';

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
