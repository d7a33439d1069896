import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { ApiError, errorText, type ApiClient } from '../../shared/api.js';
import { useCatalogue, useI18n, type Catalogue } from '../../shared/i18n.js';
import { useInbox } from '../inbox-context.js';
import { adminPath, followLink, navigate } from '../routes.js';
import {
  AdminLink,
  AdminTable,
  commonText,
  ErrorAlert,
  Field,
  fieldErrorsOf,
  FormActions,
  FormHead,
  ListScreen,
  NotFound,
  QueryState,
  SavedHint,
} from './account-common.js';
import './faq.css';

const en = {
  title: 'FAQ',
  intro: 'Categories and articles shown in the chat widget. Only published articles reach customers.',
  addCategory: 'Add a category',
  newCategory: 'New category',
  editCategory: 'Category {name}',
  name: 'Name',
  description: 'Description',
  articles: 'Articles',
  articleCount: '{published} published of {total}',
  order: 'Order',
  moveUp: 'Move {name} up',
  moveDown: 'Move {name} down',
  up: 'Up',
  down: 'Down',
  source: 'Source',
  imported: 'Imported from the helpdesk',
  chat: 'Made in Chat',
  categoryImported:
    'This category was imported from the helpdesk. A re-import replaces its name and description unless the import is set to keep Chat edits ("don\'t overwrite category title and description").',
  articleImported:
    'This article was imported from the helpdesk. The next import replaces any change made here; edit it in the helpdesk to keep the change.',
  emptyCategories: 'No categories yet.',
  emptyArticles: 'No articles in this category yet.',
  notFound: 'This FAQ entry does not exist.',
  back: 'Back to the FAQ',
  backToCategory: 'Back to {name}',
  addArticle: 'Add an article',
  newArticle: 'New article',
  editArticle: 'Article {title}',
  articleTitle: 'Title',
  status: 'Status',
  'status.draft': 'Draft',
  'status.published': 'Published',
  tags: 'Tags',
  tagsHint: 'Separated by commas.',
  body: 'Body (HTML)',
  bodyHint: 'Paragraphs, lists, links and images; scripts are removed when saved.',
  write: 'Write',
  preview: 'Preview',
  previewTitle: 'Preview of the article body',
  editorMode: 'Editor view',
  deleteWithArticles: 'This category has articles: deleting it deletes them too.',
  created: 'Created.',
  votes: 'Widget votes: {up} found it helpful, {down} did not.',
} as const;

const ja: Record<keyof typeof en, string> = {
  title: 'FAQ',
  intro: 'チャットウィジェットに表示するカテゴリーと記事。顧客に表示されるのは公開済みの記事だけです。',
  addCategory: 'カテゴリーを追加',
  newCategory: '新しいカテゴリー',
  editCategory: 'カテゴリー {name}',
  name: '名前',
  description: '説明',
  articles: '記事',
  articleCount: '公開 {published} / 全 {total}',
  order: '並び順',
  moveUp: '{name} を上へ移動',
  moveDown: '{name} を下へ移動',
  up: '上へ',
  down: '下へ',
  source: '作成元',
  imported: 'ヘルプデスクからインポート',
  chat: 'Chat で作成',
  categoryImported:
    'このカテゴリーはヘルプデスクからインポートされました。再インポートすると、「カテゴリーのタイトルと説明を上書きしない」が設定されていない限り、名前と説明が置き換えられます。',
  articleImported:
    'この記事はヘルプデスクからインポートされました。次回のインポートでここでの変更は置き換えられます。変更を残すにはヘルプデスク側で編集してください。',
  emptyCategories: 'カテゴリーはまだありません。',
  emptyArticles: 'このカテゴリーにはまだ記事がありません。',
  notFound: 'この FAQ 項目は存在しません。',
  back: 'FAQ に戻る',
  backToCategory: '{name} に戻る',
  addArticle: '記事を追加',
  newArticle: '新しい記事',
  editArticle: '記事 {title}',
  articleTitle: 'タイトル',
  status: '状態',
  'status.draft': '下書き',
  'status.published': '公開',
  tags: 'タグ',
  tagsHint: 'カンマで区切って入力します。',
  body: '本文（HTML）',
  bodyHint: '段落、リスト、リンク、画像が使えます。スクリプトは保存時に取り除かれます。',
  write: '編集',
  preview: 'プレビュー',
  previewTitle: '記事本文のプレビュー',
  editorMode: 'エディターの表示',
  deleteWithArticles: 'このカテゴリーには記事があります。削除すると記事も削除されます。',
  created: '作成しました。',
  votes: 'ウィジェットでの評価：役に立った {up} 件、役に立たなかった {down} 件。',
};

const faqText = { en, ja } satisfies Catalogue<keyof typeof en>;

interface FaqCategory {
  id: string;
  name: string;
  description: string | null;
  position: number;
  locale: string | null;
  source: string | null;
  source_id: string | null;
  article_count: number;
  published_article_count: number;
}

interface FaqArticle {
  id: string;
  category_id: string;
  title: string;
  body: string;
  position: number;
  status: 'draft' | 'published';
  tags: string[];
  source: string | null;
  helpful_count: number;
  not_helpful_count: number;
  updated_time: string;
}

/** Every page of a paginated Chat list (50 a page, the API's maximum). */
async function allPages<T>(client: ApiClient, path: string, key: string): Promise<T[]> {
  const all: T[] = [];
  const join = path.includes('?') ? '&' : '?';
  for (let page = 1; ; page += 1) {
    const res = await client.request<Record<string, T[]> & { pagination: { total_pages: number } }>(
      'GET',
      `${path}${join}items_per_page=50&page=${page}`,
    );
    all.push(...(res[key] ?? []));
    if (page >= res.pagination.total_pages) return all;
  }
}

function useCategories() {
  const { client } = useInbox();
  return useQuery({
    queryKey: ['admin', 'faq', 'categories'],
    queryFn: () => allPages<FaqCategory>(client, '/faq/categories', 'categories'),
  });
}

function useArticles(categoryId: string) {
  const { client } = useInbox();
  return useQuery({
    queryKey: ['admin', 'faq', 'articles', categoryId],
    queryFn: () => allPages<FaqArticle>(client, `/faq/articles?category_id=${categoryId}`, 'articles'),
  });
}

/** Admin > FAQ: categories (`new`, or one by id) and their articles (`:category/new`, `:category/:article`). */
export default function FaqScreen({ rest }: { rest: string[] }) {
  const t = useCatalogue(faqText);
  const c = useCatalogue(commonText);
  const categories = useCategories();
  const [categoryId, articleId] = rest;
  if (!categoryId) return <CategoryList />;
  if (categoryId === 'new') return <CategoryPage category={null} />;
  if (categories.isPending) return <p>{c('loading')}</p>;
  const category = categories.data?.find((candidate) => candidate.id === categoryId);
  if (!category) return <NotFound text={t('notFound')} backHref={adminPath('faq')} backLabel={t('back')} />;
  if (articleId) return <ArticleLoader key={articleId} category={category} articleId={articleId} />;
  return <CategoryPage key={category.id} category={category} />;
}

/** Up and down buttons that move an item one place among its siblings (PUT position). */
function MoveButtons({
  name,
  position,
  count,
  onMove,
  busy,
}: {
  name: string;
  position: number;
  count: number;
  onMove(position: number): void;
  busy: boolean;
}) {
  const t = useCatalogue(faqText);
  return (
    <span className="faq-move">
      <button
        type="button"
        className="secondary"
        aria-label={t('moveUp', { name })}
        disabled={busy || position <= 1}
        onClick={() => onMove(position - 1)}
      >
        {t('up')}
      </button>
      <button
        type="button"
        className="secondary"
        aria-label={t('moveDown', { name })}
        disabled={busy || position >= count}
        onClick={() => onMove(position + 1)}
      >
        {t('down')}
      </button>
    </span>
  );
}

function SourceBadge({ source }: { source: string | null }) {
  const t = useCatalogue(faqText);
  return source ? (
    <span className="faq-badge faq-badge-imported">{t('imported')}</span>
  ) : (
    <span className="faq-badge">{t('chat')}</span>
  );
}

function CategoryList() {
  const t = useCatalogue(faqText);
  const { client } = useInbox();
  const queries = useQueryClient();
  const categories = useCategories();
  const move = useMutation({
    mutationFn: ({ id, position }: { id: string; position: number }) =>
      client.request<FaqCategory>('PUT', `/faq/categories/${id}`, { position }),
    onSettled: () => queries.invalidateQueries({ queryKey: ['admin', 'faq', 'categories'] }),
  });
  return (
    <ListScreen
      section="faq"
      title={t('title')}
      addLabel={t('addCategory')}
      intro={t('intro')}
      before={<ErrorAlert error={move.error} />}
      query={categories}
      empty={t('emptyCategories')}
      columns={[t('name'), t('articles'), t('source'), t('order')]}
      row={(category, list) => (
        <tr key={category.id}>
          <th scope="row">
            <AdminLink href={adminPath('faq', category.id)}>{category.name}</AdminLink>
            {category.description && <span className="hint faq-description">{category.description}</span>}
          </th>
          <td>
            {t('articleCount', {
              published: category.published_article_count,
              total: category.article_count,
            })}
          </td>
          <td>
            <SourceBadge source={category.source} />
          </td>
          <td>
            <MoveButtons
              name={category.name}
              position={category.position}
              count={list.length}
              busy={move.isPending}
              onMove={(position) => move.mutate({ id: category.id, position })}
            />
          </td>
        </tr>
      )}
    />
  );
}

function CategoryPage({ category }: { category: FaqCategory | null }) {
  const t = useCatalogue(faqText);
  const { client } = useInbox();
  const queries = useQueryClient();
  const [name, setName] = useState(category?.name ?? '');
  const [description, setDescription] = useState(category?.description ?? '');
  const [saved, setSaved] = useState(false);
  const save = useMutation({
    mutationFn: () => {
      const body = { name, description: description.trim() ? description : null };
      return category
        ? client.request<FaqCategory>('PUT', `/faq/categories/${category.id}`, body)
        : client.request<FaqCategory>('POST', '/faq/categories', body);
    },
    onSuccess: async (result) => {
      await queries.invalidateQueries({ queryKey: ['admin', 'faq', 'categories'] });
      if (!category) navigate(adminPath('faq', result.id));
      else setSaved(true);
    },
  });
  const remove = useMutation({
    mutationFn: () =>
      client.request<void>(
        'DELETE',
        `/faq/categories/${category!.id}${category!.article_count > 0 ? '?cascade=true' : ''}`,
      ),
    onSuccess: async () => {
      navigate(adminPath('faq'));
      await queries.invalidateQueries({ queryKey: ['admin', 'faq'] });
    },
  });
  const errors = fieldErrorsOf(save.error);

  function submit(event: FormEvent) {
    event.preventDefault();
    setSaved(false);
    save.mutate();
  }

  return (
    <section className="admin-screen" aria-labelledby="faq-category-title">
      <FormHead
        titleId="faq-category-title"
        title={category ? t('editCategory', { name: category.name }) : t('newCategory')}
        backHref={adminPath('faq')}
        backLabel={t('back')}
      />
      {category?.source && <p className="notice">{t('categoryImported')}</p>}
      <form className="admin-form" onSubmit={submit} noValidate>
        <Field label={t('name')} error={errors.name}>
          {(props) => (
            <input
              {...props}
              value={name}
              required
              maxLength={255}
              onChange={(event) => setName(event.target.value)}
            />
          )}
        </Field>
        <Field label={t('description')} error={errors.description}>
          {(props) => (
            <textarea
              {...props}
              rows={3}
              maxLength={2000}
              value={description}
              onChange={(event) => setDescription(event.target.value)}
            />
          )}
        </Field>
        <ErrorAlert error={Object.keys(errors).length === 0 ? save.error : null} />
        <SavedHint saved={saved} />
        <FormActions
          saving={save.isPending}
          remove={!!category && remove}
          note={category && category.article_count > 0 && <p className="hint">{t('deleteWithArticles')}</p>}
        />
      </form>
      {category && <ArticleList category={category} />}
    </section>
  );
}

function ArticleList({ category }: { category: FaqCategory }) {
  const t = useCatalogue(faqText);
  const { client } = useInbox();
  const queries = useQueryClient();
  const articles = useArticles(category.id);
  const move = useMutation({
    mutationFn: ({ id, position }: { id: string; position: number }) =>
      client.request<FaqArticle>('PUT', `/faq/articles/${id}`, { position }),
    onSettled: () => queries.invalidateQueries({ queryKey: ['admin', 'faq', 'articles', category.id] }),
  });
  return (
    <div className="admin-subsection faq-articles">
      <div className="admin-head faq-articles-head">
        <h3>{t('articles')}</h3>
        <a className="button" href={adminPath('faq', category.id, 'new')} onClick={followLink}>
          {t('addArticle')}
        </a>
      </div>
      <ErrorAlert error={move.error} />
      <QueryState query={articles} empty={t('emptyArticles')}>
        {(list) => (
          <AdminTable columns={[t('articleTitle'), t('status'), t('source'), t('order')]}>
            {list.map((article) => (
              <tr key={article.id}>
                <th scope="row">
                  <AdminLink href={adminPath('faq', category.id, article.id)}>{article.title}</AdminLink>
                </th>
                <td>
                  <span className={`faq-badge faq-status-${article.status}`}>
                    {t(`status.${article.status}`)}
                  </span>
                </td>
                <td>
                  <SourceBadge source={article.source} />
                </td>
                <td>
                  <MoveButtons
                    name={article.title}
                    position={article.position}
                    count={list.length}
                    busy={move.isPending}
                    onMove={(position) => move.mutate({ id: article.id, position })}
                  />
                </td>
              </tr>
            ))}
          </AdminTable>
        )}
      </QueryState>
    </div>
  );
}

function ArticleLoader({ category, articleId }: { category: FaqCategory; articleId: string }) {
  const t = useCatalogue(faqText);
  const c = useCatalogue(commonText);
  const { t: shared } = useI18n();
  const { client } = useInbox();
  const article = useQuery({
    queryKey: ['admin', 'faq', 'article', articleId],
    queryFn: () => client.request<FaqArticle>('GET', `/faq/articles/${articleId}`),
    enabled: articleId !== 'new',
  });
  if (articleId === 'new') return <ArticleEditor category={category} article={null} />;
  if (article.isPending) return <p>{c('loading')}</p>;
  if (article.isError)
    return (
      <section className="admin-screen">
        <p role="alert">
          {article.error instanceof ApiError && article.error.status === 404
            ? t('notFound')
            : errorText(article.error, shared)}
        </p>
        <AdminLink href={adminPath('faq', category.id)}>
          {t('backToCategory', { name: category.name })}
        </AdminLink>
      </section>
    );
  return <ArticleEditor category={category} article={article.data} />;
}

/**
 * A body preview that runs nothing: a sandboxed frame without scripts, same origin or forms
 * (it inherits the inbox's CSP too, so it shows the HTML as the browser's defaults style it).
 */
function BodyPreview({ html }: { html: string }) {
  const t = useCatalogue(faqText);
  const doc = `<!doctype html><html><head><meta charset="utf-8"></head><body>${html}</body></html>`;
  return <iframe className="faq-preview" title={t('previewTitle')} sandbox="" srcDoc={doc} />;
}

function ArticleEditor({ category, article }: { category: FaqCategory; article: FaqArticle | null }) {
  const t = useCatalogue(faqText);
  const { client } = useInbox();
  const queries = useQueryClient();
  const [title, setTitle] = useState(article?.title ?? '');
  const [status, setStatus] = useState<FaqArticle['status']>(article?.status ?? 'draft');
  const [tags, setTags] = useState((article?.tags ?? []).join(', '));
  const [body, setBody] = useState(article?.body ?? '');
  const [mode, setMode] = useState<'write' | 'preview'>('write');
  const [saved, setSaved] = useState(false);
  const save = useMutation({
    mutationFn: () => {
      const payload = {
        title,
        status,
        body,
        tags: tags
          .split(',')
          .map((tag) => tag.trim())
          .filter(Boolean),
      };
      return article
        ? client.request<FaqArticle>('PUT', `/faq/articles/${article.id}`, payload)
        : client.request<FaqArticle>('POST', '/faq/articles', { ...payload, category_id: category.id });
    },
    onSuccess: async (result) => {
      // The server sanitizes the body: show what it stored.
      setBody(result.body);
      queries.setQueryData(['admin', 'faq', 'article', result.id], result);
      await queries.invalidateQueries({ queryKey: ['admin', 'faq', 'articles', category.id] });
      void queries.invalidateQueries({ queryKey: ['admin', 'faq', 'categories'] });
      if (!article) navigate(adminPath('faq', category.id, result.id), { replace: true });
      else setSaved(true);
    },
  });
  const remove = useMutation({
    mutationFn: () => client.request<void>('DELETE', `/faq/articles/${article!.id}`),
    onSuccess: async () => {
      navigate(adminPath('faq', category.id));
      await queries.invalidateQueries({ queryKey: ['admin', 'faq'] });
    },
  });
  const errors = fieldErrorsOf(save.error);

  function submit(event: FormEvent) {
    event.preventDefault();
    setSaved(false);
    save.mutate();
  }

  return (
    <section className="admin-screen" aria-labelledby="faq-article-title">
      <FormHead
        titleId="faq-article-title"
        title={article ? t('editArticle', { title: article.title }) : t('newArticle')}
        backHref={adminPath('faq', category.id)}
        backLabel={t('backToCategory', { name: category.name })}
      />
      {article?.source && <p className="notice">{t('articleImported')}</p>}
      <form className="admin-form faq-article-form" onSubmit={submit} noValidate>
        <Field label={t('articleTitle')} error={errors.title}>
          {(props) => (
            <input
              {...props}
              value={title}
              required
              maxLength={255}
              onChange={(event) => setTitle(event.target.value)}
            />
          )}
        </Field>
        <Field label={t('status')} error={errors.status}>
          {(props) => (
            <select
              {...props}
              value={status}
              onChange={(event) => setStatus(event.target.value as FaqArticle['status'])}
            >
              <option value="draft">{t('status.draft')}</option>
              <option value="published">{t('status.published')}</option>
            </select>
          )}
        </Field>
        <Field label={t('tags')} hint={t('tagsHint')} error={errors.tags}>
          {(props) => <input {...props} value={tags} onChange={(event) => setTags(event.target.value)} />}
        </Field>
        <div className="faq-mode" role="group" aria-label={t('editorMode')}>
          <button
            type="button"
            className={mode === 'write' ? undefined : 'secondary'}
            aria-pressed={mode === 'write'}
            onClick={() => setMode('write')}
          >
            {t('write')}
          </button>
          <button
            type="button"
            className={mode === 'preview' ? undefined : 'secondary'}
            aria-pressed={mode === 'preview'}
            onClick={() => setMode('preview')}
          >
            {t('preview')}
          </button>
        </div>
        {mode === 'write' ? (
          <Field label={t('body')} hint={t('bodyHint')} error={errors.body}>
            {(props) => (
              <textarea
                {...props}
                className="faq-body"
                rows={14}
                value={body}
                onChange={(event) => setBody(event.target.value)}
              />
            )}
          </Field>
        ) : (
          <BodyPreview html={body} />
        )}
        <ErrorAlert error={Object.keys(errors).length === 0 ? save.error : null} />
        <SavedHint saved={saved} />
        <FormActions saving={save.isPending} remove={!!article && remove} />
      </form>
      {article && (
        <p className="hint">{t('votes', { up: article.helpful_count, down: article.not_helpful_count })}</p>
      )}
    </section>
  );
}
