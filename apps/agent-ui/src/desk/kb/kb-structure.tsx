import { useMutation, useQuery, useQueryClient, type UseQueryResult } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { useCatalogue, type CatalogueTranslate } from '../../shared/i18n.js';
import { api, ApiError } from '../api.js';
import { apiDelete, useCompanyChoices } from '../contacts/contacts-api.js';
import { FormSummary, orNull, TextField, type SaveErrors } from '../contacts/form-controls.js';
import { Link, navigate } from '../router.js';
import { CheckboxGroup } from '../ui/checkbox-group.js';
import { InlineConfirm } from '../ui/confirm.js';
import { FormActions, useRecordForm } from '../ui/record-form.js';
import { DRAFT, VISIBILITIES, type Article, type Category, type Folder, type Portal } from './kb-api.js';
import { kbText, type KbKey } from './kb-text.js';

type T = CatalogueTranslate<KbKey>;
export const visibilityLabel = (t: T, visibility: number) =>
  (VISIBILITIES as readonly number[]).includes(visibility)
    ? t(`visibility${visibility}` as KbKey)
    : String(visibility);

/** Loading, error and not-found states of a query, or its content. */
export function Loaded<D>({ query, children }: { query: UseQueryResult<D>; children(data: D): ReactNode }) {
  const t = useCatalogue(kbText);
  if (query.isPending) return <p role="status">{t('loading')}</p>;
  if (query.isError)
    return (
      <p className="error" role="alert">
        {query.error instanceof ApiError && query.error.status === 404
          ? t('notFound')
          : t('failed', { message: query.error.message })}
      </p>
    );
  return <>{children(query.data)}</>;
}

/** A delete button that asks first, deletes `path` and reports a failure beside it. */
export function DeleteButton({
  question,
  path,
  onDeleted,
}: {
  question: string;
  path: string;
  onDeleted(): void;
}) {
  const t = useCatalogue(kbText);
  const queryClient = useQueryClient();
  const [confirming, setConfirming] = useState(false);
  const remove = useMutation({
    mutationFn: () => apiDelete(path),
    onSuccess: async () => {
      onDeleted();
      await queryClient.invalidateQueries({ queryKey: ['kb'] });
    },
    onSettled: () => setConfirming(false),
  });
  const questionId = `delete-${path.replace(/\W+/g, '-')}`;
  return (
    <>
      <InlineConfirm
        questionId={questionId}
        question={question}
        confirming={confirming}
        setConfirming={setConfirming}
        onConfirm={() => remove.mutate()}
        pending={remove.isPending}
      />
      {remove.isError && (
        <p className="error" role="alert">
          {t('failed', { message: remove.error.message })}
        </p>
      )}
    </>
  );
}

function usePortals() {
  return useQuery({
    queryKey: ['kb', 'portals'],
    queryFn: async () => (await api.get<Portal[]>('/portals')).data,
    staleTime: 60_000,
  });
}

/** Creates or edits a category: name, description and the portals it shows in. */
function CategoryForm(props: { category?: Category; onSaved(category: Category): void; onCancel(): void }) {
  const t = useCatalogue(kbText);
  const queryClient = useQueryClient();
  const portals = usePortals();
  const [name, setName] = useState(props.category?.name ?? '');
  const [description, setDescription] = useState(props.category?.description ?? '');
  const [portalIds, setPortalIds] = useState<number[]>(props.category?.visible_in_portals ?? []);
  const save = useMutation({
    mutationFn: async () => {
      const body = { name, description: orNull(description), visible_in_portals: portalIds };
      return props.category
        ? (await api.put<Category>(`/solutions/categories/${props.category.id}`, body)).data
        : (await api.post<Category>('/solutions/categories', body)).data;
    },
    onSuccess: async (category) => {
      await queryClient.invalidateQueries({ queryKey: ['kb'] });
      props.onSaved(category);
    },
  });
  const { errors, formRef, submit } = useRecordForm(save, ['name', 'description', 'visible_in_portals']);
  const prefix = props.category ? `category-${props.category.id}` : 'category-new';
  return (
    <form ref={formRef} className="record-form" onSubmit={submit} noValidate>
      <FormSummary errors={errors} fixText={t('fixErrors')} otherText={t('otherErrors')} />
      <NameAndDescription
        prefix={prefix}
        name={[name, setName]}
        description={[description, setDescription]}
        errors={errors}
      />
      <CheckboxGroup
        hintId={`${prefix}-portals-hint`}
        legend={t('portals')}
        hint={t('portalsHint')}
        empty={t('noPortals')}
        options={portals.data}
        selected={portalIds}
        onChange={setPortalIds}
        error={errors?.byField.visible_in_portals}
      />
      <FormActions pending={save.isPending} isNew={!props.category} onCancel={props.onCancel} />
    </form>
  );
}

/** The name and description every category and folder form starts with. */
function NameAndDescription(props: {
  prefix: string;
  name: [string, (name: string) => void];
  description: [string, (description: string) => void];
  errors: SaveErrors | undefined;
}) {
  const t = useCatalogue(kbText);
  return (
    <>
      <TextField
        id={`${props.prefix}-name`}
        label={t('name')}
        required
        value={props.name[0]}
        error={props.errors?.byField.name}
        onChange={props.name[1]}
      />
      <TextField
        id={`${props.prefix}-description`}
        label={t('description')}
        multiline
        value={props.description[0]}
        error={props.errors?.byField.description}
        onChange={props.description[1]}
      />
    </>
  );
}

type FolderParent = { categoryId: number } | { folderId: number };

/** Creates or edits a folder: name, description, who may see it, and for "selected companies" which. */
function FolderForm(props: {
  folder?: Folder;
  parent?: FolderParent;
  inherit?: Pick<Folder, 'visibility' | 'company_ids'>;
  onSaved(folder: Folder): void;
  onCancel(): void;
}) {
  const t = useCatalogue(kbText);
  const queryClient = useQueryClient();
  const companies = useCompanyChoices();
  const [name, setName] = useState(props.folder?.name ?? '');
  const [description, setDescription] = useState(props.folder?.description ?? '');
  // A new sub-folder starts with its parent's audience, so nothing opens up by accident.
  const start = props.folder ?? props.inherit;
  const [visibility, setVisibility] = useState(start?.visibility ?? 1);
  const [companyIds, setCompanyIds] = useState<number[]>(start?.company_ids ?? []);
  const save = useMutation({
    mutationFn: async () => {
      const body: Record<string, unknown> = { name, description: orNull(description), visibility };
      if (visibility === 4) body.company_ids = companyIds;
      if (props.folder) return (await api.put<Folder>(`/solutions/folders/${props.folder.id}`, body)).data;
      const parent = props.parent!;
      const path =
        'categoryId' in parent
          ? `/solutions/categories/${parent.categoryId}/folders`
          : `/solutions/folders/${parent.folderId}/subfolders`;
      return (await api.post<Folder>(path, body)).data;
    },
    onSuccess: async (folder) => {
      await queryClient.invalidateQueries({ queryKey: ['kb'] });
      props.onSaved(folder);
    },
  });
  const { errors, formRef, submit } = useRecordForm(save, [
    'name',
    'description',
    'visibility',
    'company_ids',
  ]);
  const prefix = props.folder ? `folder-${props.folder.id}` : 'folder-new';
  return (
    <form ref={formRef} className="record-form" onSubmit={submit} noValidate>
      <FormSummary errors={errors} fixText={t('fixErrors')} otherText={t('otherErrors')} />
      <NameAndDescription
        prefix={prefix}
        name={[name, setName]}
        description={[description, setDescription]}
        errors={errors}
      />
      <fieldset className="form-field choice-group">
        <legend>{t('visibility')}</legend>
        {VISIBILITIES.map((value) => (
          <label key={value} className="choice">
            <input
              type="radio"
              name={`${prefix}-visibility`}
              value={value}
              checked={visibility === value}
              onChange={() => setVisibility(value)}
            />
            {visibilityLabel(t, value)}
          </label>
        ))}
        {errors?.byField.visibility && <p className="field-error">{errors.byField.visibility}</p>}
      </fieldset>
      {visibility === 4 && (
        <CheckboxGroup
          hintId={`${prefix}-companies-hint`}
          legend={t('companies')}
          hint={t('companiesHint')}
          empty={t('noCompanies')}
          options={companies.data}
          selected={companyIds}
          onChange={setCompanyIds}
          error={errors?.byField.company_ids}
        />
      )}
      <FormActions pending={save.isPending} isNew={!props.folder} onCancel={props.onCancel} />
    </form>
  );
}

/** A list of records, each as `row` renders it, or `empty` when there are none. */
function RecordRows<R extends { id: number }>(props: {
  rows: R[];
  empty: ReactNode;
  row(record: R): ReactNode;
}) {
  if (props.rows.length === 0) return <>{props.empty}</>;
  return (
    <ul className="record-rows">
      {props.rows.map((record) => (
        <li key={record.id} className="record-row">
          {props.row(record)}
        </li>
      ))}
    </ul>
  );
}

/** Links to the folders given, with their visibility and article counts; `empty` when none. */
function FolderRows({ folders, empty }: { folders: Folder[]; empty: ReactNode }) {
  const t = useCatalogue(kbText);
  return (
    <RecordRows
      rows={folders}
      empty={empty}
      row={(folder) => (
        <>
          <Link href={`/a/solutions/folders/${folder.id}`} className="record-name">
            {folder.name}
          </Link>
          <span className="badge">
            <span className="visually-hidden">{t('visibility')}: </span>
            {visibilityLabel(t, folder.visibility)}
          </span>
          <span className="meta">{t('articleCount', { count: folder.articles_count })}</span>
        </>
      )}
    />
  );
}

/** A record's form while `editing`; otherwise its Edit button and a Delete that asks first. */
function EditOrDelete(props: {
  editing: boolean;
  onEdit(): void;
  form: ReactNode;
  question: string;
  path: string;
  onDeleted(): void;
}) {
  const t = useCatalogue(kbText);
  if (props.editing) return <>{props.form}</>;
  return (
    <div className="record-actions">
      <button type="button" onClick={props.onEdit}>
        {t('edit')}
      </button>
      <DeleteButton question={props.question} path={props.path} onDeleted={props.onDeleted} />
    </div>
  );
}

/** The knowledge base's front page: its categories, and a new one. */
export function KbHome() {
  const t = useCatalogue(kbText);
  const [adding, setAdding] = useState(false);
  const categories = useQuery({
    queryKey: ['kb', 'categories'],
    queryFn: async () => (await api.get<Category[]>('/solutions/categories')).data,
  });
  return (
    <section className="desk-records" aria-labelledby="kb-title">
      <div className="records-head">
        <h1 id="kb-title">{t('title')}</h1>
        {!adding && (
          <button type="button" className="primary" onClick={() => setAdding(true)}>
            {t('newCategory')}
          </button>
        )}
      </div>
      {adding && (
        <section aria-labelledby="kb-new-category">
          <h2 id="kb-new-category">{t('newCategory')}</h2>
          <CategoryForm
            onSaved={(category) => navigate(`/a/solutions/categories/${category.id}`)}
            onCancel={() => setAdding(false)}
          />
        </section>
      )}
      <h2>{t('categories')}</h2>
      <Loaded query={categories}>
        {(rows) => (
          <RecordRows
            rows={rows}
            empty={<p>{t('noCategories')}</p>}
            row={(category) => (
              <>
                <Link href={`/a/solutions/categories/${category.id}`} className="record-name">
                  {category.name}
                </Link>
                {category.description && <span className="meta">{category.description}</span>}
              </>
            )}
          />
        )}
      </Loaded>
    </section>
  );
}

/** A category: edit it, delete it, its folders and a new folder. */
export function CategoryPage({ id }: { id: number }) {
  const t = useCatalogue(kbText);
  const [editing, setEditing] = useState(false);
  const [adding, setAdding] = useState(false);
  const portals = usePortals();
  const category = useQuery({
    queryKey: ['kb', 'category', id],
    queryFn: async () => (await api.get<Category>(`/solutions/categories/${id}`)).data,
  });
  const folders = useQuery({
    queryKey: ['kb', 'category', id, 'folders'],
    queryFn: async () => (await api.get<Folder[]>(`/solutions/categories/${id}/folders`)).data,
  });
  return (
    <section className="desk-records" aria-labelledby="kb-category-title">
      <p>
        <Link href="/a/solutions">{t('backToKb')}</Link>
      </p>
      <Loaded query={category}>
        {(c) => (
          <>
            <h1 id="kb-category-title">{t('category', { name: c.name })}</h1>
            {c.description && <p>{c.description}</p>}
            <p>
              {t('portals')}:{' '}
              <strong>
                {c.visible_in_portals.length === 0
                  ? t('none')
                  : c.visible_in_portals
                      .map((pid) => portals.data?.find((p) => p.id === pid)?.name ?? `#${pid}`)
                      .join(', ')}
              </strong>
            </p>
            <EditOrDelete
              editing={editing}
              onEdit={() => setEditing(true)}
              form={
                <CategoryForm
                  category={c}
                  onSaved={() => setEditing(false)}
                  onCancel={() => setEditing(false)}
                />
              }
              question={t('deleteConfirmCategory')}
              path={`/solutions/categories/${id}`}
              onDeleted={() => navigate('/a/solutions')}
            />
          </>
        )}
      </Loaded>
      <div className="records-head">
        <h2>{t('folders')}</h2>
        {!adding && (
          <button type="button" onClick={() => setAdding(true)}>
            {t('newFolder')}
          </button>
        )}
      </div>
      {adding && (
        <FolderForm
          parent={{ categoryId: id }}
          onSaved={(folder) => navigate(`/a/solutions/folders/${folder.id}`)}
          onCancel={() => setAdding(false)}
        />
      )}
      <Loaded query={folders}>
        {(rows) => <FolderRows folders={rows} empty={<p>{t('noFolders')}</p>} />}
      </Loaded>
    </section>
  );
}

/** Breadcrumb links from a hierarchy (category, then folders). */
export function Trail({ hierarchy }: { hierarchy: Folder['hierarchy'] }) {
  const t = useCatalogue(kbText);
  return (
    <nav aria-label={t('title')} className="kb-trail">
      <Link href="/a/solutions">{t('title')}</Link>
      {hierarchy.map((level) => (
        <span key={`${level.type}-${level.data.id}`}>
          {' / '}
          <Link
            href={
              level.type === 'category'
                ? `/a/solutions/categories/${level.data.id}`
                : `/a/solutions/folders/${level.data.id}`
            }
          >
            {level.data.name}
          </Link>
        </span>
      ))}
    </nav>
  );
}

/** A folder: edit (visibility, companies), delete, its sub-folders and its articles by status. */
export function FolderPage({ id }: { id: number }) {
  const t = useCatalogue(kbText);
  const [editing, setEditing] = useState(false);
  const [adding, setAdding] = useState(false);
  const folder = useQuery({
    queryKey: ['kb', 'folder', id],
    queryFn: async () => (await api.get<Folder>(`/solutions/folders/${id}`)).data,
  });
  const subfolders = useQuery({
    queryKey: ['kb', 'folder', id, 'subfolders'],
    queryFn: async () => (await api.get<Folder[]>(`/solutions/folders/${id}/subfolders`)).data,
  });
  const articles = useQuery({
    queryKey: ['kb', 'folder', id, 'articles'],
    queryFn: async () => (await api.get<Article[]>(`/solutions/folders/${id}/articles`)).data,
  });
  return (
    <section className="desk-records" aria-labelledby="kb-folder-title">
      <Loaded query={folder}>
        {(f) => (
          <>
            <Trail hierarchy={f.hierarchy} />
            <h1 id="kb-folder-title">{t('folder', { name: f.name })}</h1>
            <p className="kb-visibility">
              {t('visibility')}: <strong>{visibilityLabel(t, f.visibility)}</strong>
            </p>
            {f.description && <p>{f.description}</p>}
            <EditOrDelete
              editing={editing}
              onEdit={() => setEditing(true)}
              form={
                <FolderForm folder={f} onSaved={() => setEditing(false)} onCancel={() => setEditing(false)} />
              }
              question={t('deleteConfirmFolder')}
              path={`/solutions/folders/${id}`}
              onDeleted={() =>
                navigate(
                  f.parent_folder_id === null
                    ? `/a/solutions/categories/${f.category_id}`
                    : `/a/solutions/folders/${f.parent_folder_id}`,
                )
              }
            />
          </>
        )}
      </Loaded>
      <div className="records-head">
        <h2>{t('articles')}</h2>
        <Link href={`/a/solutions/folders/${id}/articles/new`} className="button-link primary">
          {t('newArticle')}
        </Link>
      </div>
      <Loaded query={articles}>
        {(rows) => (
          <RecordRows
            rows={rows}
            empty={<p>{t('noArticles')}</p>}
            row={(article) => (
              <>
                <Link href={`/a/solutions/articles/${article.id}`} className="record-name">
                  {article.title}
                </Link>
                <span className={`badge ${article.status === DRAFT ? 'kb-draft' : 'kb-published'}`}>
                  <span className="visually-hidden">{t('status')}: </span>
                  {article.status === DRAFT ? t('draft') : t('published')}
                </span>
              </>
            )}
          />
        )}
      </Loaded>
      <div className="records-head">
        <h2>{t('subfolders')}</h2>
        {!adding && folder.data && (
          <button type="button" onClick={() => setAdding(true)}>
            {t('newSubfolder')}
          </button>
        )}
      </div>
      {adding && (
        <FolderForm
          parent={{ folderId: id }}
          inherit={folder.data}
          onSaved={(created) => {
            setAdding(false);
            navigate(`/a/solutions/folders/${created.id}`);
          }}
          onCancel={() => setAdding(false)}
        />
      )}
      <Loaded query={subfolders}>{(rows) => <FolderRows folders={rows} empty={null} />}</Loaded>
    </section>
  );
}
