/** Boards of plugs in PostgreSQL: a board and its ordered plugs, written together in one transaction. */
import type pg from "pg";

export interface Plug {
  title: string;
  url: string;
}

export interface BoardInput {
  name: string;
  description?: string;
  plugs?: Plug[];
}

export interface Board {
  id: string;
  name: string;
  description: string;
  plugs: Plug[];
  updatedAt: string;
}

const BOARD_SQL = `
  SELECT b.id::text AS id, b.name, b.description, b.updated_at,
         coalesce(json_agg(json_build_object('title', p.title, 'url', p.url) ORDER BY p.position)
                  FILTER (WHERE p.id IS NOT NULL), '[]') AS plugs
  FROM boards b LEFT JOIN plugs p ON p.board_id = b.id`;

interface BoardRow {
  id: string;
  name: string;
  description: string;
  updated_at: Date;
  plugs: Plug[];
}

const toBoard = (row: BoardRow): Board => ({
  id: row.id,
  name: row.name,
  description: row.description,
  plugs: row.plugs,
  updatedAt: row.updated_at.toISOString(),
});

export class BoardsRepository {
  private readonly pool: pg.Pool;

  constructor(pool: pg.Pool) {
    this.pool = pool;
  }

  async get(id: string): Promise<Board | undefined> {
    const { rows } = await this.pool.query<BoardRow>(`${BOARD_SQL} WHERE b.id = $1 GROUP BY b.id`, [id]);
    return rows[0] ? toBoard(rows[0]) : undefined;
  }

  async list(limit: number, offset: number): Promise<Board[]> {
    const { rows } = await this.pool.query<BoardRow>(`${BOARD_SQL} GROUP BY b.id ORDER BY b.id LIMIT $1 OFFSET $2`, [
      limit,
      offset,
    ]);
    return rows.map(toBoard);
  }

  async create(input: BoardInput): Promise<Board> {
    return this.transaction(async (client) => {
      const { rows } = await client.query<{ id: string }>(
        "INSERT INTO boards (name, description) VALUES ($1, $2) RETURNING id::text AS id",
        [input.name, input.description ?? ""],
      );
      const id = rows[0]?.id as string;
      await this.writePlugs(client, id, input.plugs ?? []);
      return id;
    }).then(async (id) => (await this.get(id)) as Board);
  }

  /** Replaces the board's fields and plugs; undefined when there is no such board. */
  async update(id: string, input: BoardInput): Promise<Board | undefined> {
    const found = await this.transaction(async (client) => {
      const { rowCount } = await client.query("UPDATE boards SET name = $2, description = $3, updated_at = now() WHERE id = $1", [
        id,
        input.name,
        input.description ?? "",
      ]);
      if (!rowCount) return false;
      await client.query("DELETE FROM plugs WHERE board_id = $1", [id]);
      await this.writePlugs(client, id, input.plugs ?? []);
      return true;
    });
    return found ? this.get(id) : undefined;
  }

  private async writePlugs(client: pg.PoolClient, boardId: string, plugs: Plug[]): Promise<void> {
    if (!plugs.length) return;
    await client.query(
      "INSERT INTO plugs (board_id, title, url, position) SELECT $1, t, u, o FROM unnest($2::text[], $3::text[]) WITH ORDINALITY AS x(t, u, o)",
      [boardId, plugs.map((p) => p.title), plugs.map((p) => p.url)],
    );
  }

  private async transaction<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      await client.query("BEGIN");
      const result = await work(client);
      await client.query("COMMIT");
      return result;
    } catch (err) {
      await client.query("ROLLBACK").catch(() => {});
      throw err;
    } finally {
      client.release();
    }
  }
}
