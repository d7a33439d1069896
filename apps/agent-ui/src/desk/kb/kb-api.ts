/** Desk's knowledge base objects (Freshdesk v2 solutions), the attributes the editor uses. */

export interface Category {
  id: number;
  name: string;
  description: string | null;
  visible_in_portals: number[];
  updated_at: string;
}

export interface HierarchyLevel {
  level: number;
  type: 'category' | 'folder';
  data: { id: number; name: string };
}

export interface Folder {
  id: number;
  name: string;
  description: string | null;
  /** 1 all users, 2 logged-in users, 3 agents, 4 selected companies. */
  visibility: number;
  company_ids: number[];
  parent_folder_id: number | null;
  category_id: number;
  hierarchy: HierarchyLevel[];
  articles_count: number;
  sub_folders_count: number;
  updated_at: string;
}

export interface Article {
  id: number;
  title: string;
  description: string;
  /** 1 draft, 2 published. */
  status: number;
  folder_id: number;
  category_id: number;
  hierarchy: HierarchyLevel[];
  tags: string[];
  seo_data: { meta_title: string | null; meta_description: string | null; meta_keywords: string | null };
  updated_at: string;
}

export interface Portal {
  id: number;
  name: string;
}

export const VISIBILITIES = [1, 2, 3, 4] as const;
export const DRAFT = 1;
export const PUBLISHED = 2;
