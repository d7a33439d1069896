import '../contacts/contacts.css';
import './kb.css';
import { EditArticle, NewArticle } from './article-editor.js';
import { CategoryPage, FolderPage, KbHome } from './kb-structure.js';

export type KbRoute =
  { kind: 'home' } | { kind: 'category' | 'folder' | 'article' | 'new-article'; id: number };

/** Which knowledge-base screen a path shows (this module is loaded on first visit). */
export default function KbRoutes({ route }: { route: KbRoute }) {
  switch (route.kind) {
    case 'home':
      return <KbHome />;
    case 'category':
      return <CategoryPage key={route.id} id={route.id} />;
    case 'folder':
      return <FolderPage key={route.id} id={route.id} />;
    case 'new-article':
      return <NewArticle key={route.id} folderId={route.id} />;
    case 'article':
      return <EditArticle key={route.id} id={route.id} />;
  }
}
