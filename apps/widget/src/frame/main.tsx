import { render } from 'preact';
import './styles.css';
import { createController } from './controller.js';
import { App } from './views/app.js';

/**
 * The widget's iframe app, served by Chat at /widget/frame?token=…&site_id=…: it says `ready`
 * to the page, waits for `init`, then runs the conversation, FAQ and CSAT.
 */
const query = new URLSearchParams(window.location.search);
const controller = createController(window, {
  widgetToken: query.get('token') ?? '',
  siteId: query.get('site_id') ?? '',
  origin: query.get('origin') ?? undefined,
  locale: query.get('locale') ?? undefined,
});
const root = document.createElement('div');
root.id = 'tandem-chat';
document.body.append(root);
render(<App c={controller} />, root);
