//! The schema the migrations (sqlite) produce, as Rust: written by `migrate schema --rust`; do not edit.
//! `migrate schema --rust --check` fails when it is stale.
//!
//! Not followed: V003 backfill display names: async Rust code

#![allow(dead_code, clippy::all)]

/// Table `post_tags` and its columns, for sea-query.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PostTags {
    /// The table.
    Table,
    /// Column `post_id`.
    PostId,
    /// Column `tag_id`.
    TagId,
}

impl ::migrate::schema::sea_query::Iden for PostTags {
    fn unquoted(&self) -> &str {
        match self {
            Self::Table => "post_tags",
            Self::PostId => "post_id",
            Self::TagId => "tag_id",
        }
    }
}

impl PostTags {
    /// Column `post_id`, typed (for seeds).
    pub const POST_ID: ::migrate::seed::Column<i64> = ::migrate::seed::Column::new("post_tags", "post_id");
    /// Column `tag_id`, typed (for seeds).
    pub const TAG_ID: ::migrate::seed::Column<i32> = ::migrate::seed::Column::new("post_tags", "tag_id");
}

/// A row of `post_tags`.
#[derive(Debug, Clone, PartialEq)]
pub struct PostTagsRow {
    /// Column `post_id`.
    pub post_id: i64,
    /// Column `tag_id`.
    pub tag_id: i32,
}

impl<'r, R: ::migrate::sqlx::Row> ::migrate::sqlx::FromRow<'r, R> for PostTagsRow
where
    &'r str: ::migrate::sqlx::ColumnIndex<R>,
    i64: ::migrate::sqlx::Decode<'r, R::Database> + ::migrate::sqlx::Type<R::Database>,
    i32: ::migrate::sqlx::Decode<'r, R::Database> + ::migrate::sqlx::Type<R::Database>,
{
    fn from_row(row: &'r R) -> Result<Self, ::migrate::sqlx::Error> {
        Ok(Self {
            post_id: row.try_get("post_id")?,
            tag_id: row.try_get("tag_id")?,
        })
    }
}

/// Table `posts` and its columns, for sea-query.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Posts {
    /// The table.
    Table,
    /// Column `id`.
    Id,
    /// Column `user_id`.
    UserId,
    /// Column `title`.
    Title,
    /// Column `tag_count`.
    TagCount,
}

impl ::migrate::schema::sea_query::Iden for Posts {
    fn unquoted(&self) -> &str {
        match self {
            Self::Table => "posts",
            Self::Id => "id",
            Self::UserId => "user_id",
            Self::Title => "title",
            Self::TagCount => "tag_count",
        }
    }
}

impl Posts {
    /// Column `id`, typed (for seeds).
    pub const ID: ::migrate::seed::Column<i64> = ::migrate::seed::Column::new("posts", "id");
    /// Column `user_id`, typed (for seeds).
    pub const USER_ID: ::migrate::seed::Column<i64> = ::migrate::seed::Column::new("posts", "user_id");
    /// Column `title`, typed (for seeds).
    pub const TITLE: ::migrate::seed::Column<String> = ::migrate::seed::Column::new("posts", "title");
    /// Column `tag_count`, typed (for seeds).
    pub const TAG_COUNT: ::migrate::seed::Column<i32> = ::migrate::seed::Column::new("posts", "tag_count");
}

/// A row of `posts`.
#[derive(Debug, Clone, PartialEq)]
pub struct PostsRow {
    /// Column `id`.
    pub id: i64,
    /// Column `user_id`.
    pub user_id: i64,
    /// Column `title`.
    pub title: String,
    /// Column `tag_count`.
    pub tag_count: i32,
}

impl<'r, R: ::migrate::sqlx::Row> ::migrate::sqlx::FromRow<'r, R> for PostsRow
where
    &'r str: ::migrate::sqlx::ColumnIndex<R>,
    i64: ::migrate::sqlx::Decode<'r, R::Database> + ::migrate::sqlx::Type<R::Database>,
    String: ::migrate::sqlx::Decode<'r, R::Database> + ::migrate::sqlx::Type<R::Database>,
    i32: ::migrate::sqlx::Decode<'r, R::Database> + ::migrate::sqlx::Type<R::Database>,
{
    fn from_row(row: &'r R) -> Result<Self, ::migrate::sqlx::Error> {
        Ok(Self {
            id: row.try_get("id")?,
            user_id: row.try_get("user_id")?,
            title: row.try_get("title")?,
            tag_count: row.try_get("tag_count")?,
        })
    }
}

/// Table `roles` and its columns, for sea-query.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Roles {
    /// The table.
    Table,
    /// Column `id`.
    Id,
    /// Column `name`.
    Name,
    /// Column `level`.
    Level,
    /// Column `description`.
    Description,
}

impl ::migrate::schema::sea_query::Iden for Roles {
    fn unquoted(&self) -> &str {
        match self {
            Self::Table => "roles",
            Self::Id => "id",
            Self::Name => "name",
            Self::Level => "level",
            Self::Description => "description",
        }
    }
}

impl Roles {
    /// Column `id`, typed (for seeds).
    pub const ID: ::migrate::seed::Column<i64> = ::migrate::seed::Column::new("roles", "id");
    /// Column `name`, typed (for seeds).
    pub const NAME: ::migrate::seed::Column<String> = ::migrate::seed::Column::new("roles", "name");
    /// Column `level`, typed (for seeds).
    pub const LEVEL: ::migrate::seed::Column<i16> = ::migrate::seed::Column::new("roles", "level");
    /// Column `description`, typed (for seeds).
    pub const DESCRIPTION: ::migrate::seed::Column<Option<String>> = ::migrate::seed::Column::new("roles", "description");
}

/// A row of `roles`.
#[derive(Debug, Clone, PartialEq)]
pub struct RolesRow {
    /// Column `id`.
    pub id: i64,
    /// Column `name`.
    pub name: String,
    /// Column `level`.
    pub level: i16,
    /// Column `description`.
    pub description: Option<String>,
}

impl<'r, R: ::migrate::sqlx::Row> ::migrate::sqlx::FromRow<'r, R> for RolesRow
where
    &'r str: ::migrate::sqlx::ColumnIndex<R>,
    i64: ::migrate::sqlx::Decode<'r, R::Database> + ::migrate::sqlx::Type<R::Database>,
    String: ::migrate::sqlx::Decode<'r, R::Database> + ::migrate::sqlx::Type<R::Database>,
    i16: ::migrate::sqlx::Decode<'r, R::Database> + ::migrate::sqlx::Type<R::Database>,
    Option<String>: ::migrate::sqlx::Decode<'r, R::Database> + ::migrate::sqlx::Type<R::Database>,
{
    fn from_row(row: &'r R) -> Result<Self, ::migrate::sqlx::Error> {
        Ok(Self {
            id: row.try_get("id")?,
            name: row.try_get("name")?,
            level: row.try_get("level")?,
            description: row.try_get("description")?,
        })
    }
}

/// Table `tags` and its columns, for sea-query.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tags {
    /// The table.
    Table,
    /// Column `id`.
    Id,
    /// Column `name`.
    Name,
}

impl ::migrate::schema::sea_query::Iden for Tags {
    fn unquoted(&self) -> &str {
        match self {
            Self::Table => "tags",
            Self::Id => "id",
            Self::Name => "name",
        }
    }
}

impl Tags {
    /// Column `id`, typed (for seeds).
    pub const ID: ::migrate::seed::Column<i32> = ::migrate::seed::Column::new("tags", "id");
    /// Column `name`, typed (for seeds).
    pub const NAME: ::migrate::seed::Column<String> = ::migrate::seed::Column::new("tags", "name");
}

/// A row of `tags`.
#[derive(Debug, Clone, PartialEq)]
pub struct TagsRow {
    /// Column `id`.
    pub id: i32,
    /// Column `name`.
    pub name: String,
}

impl<'r, R: ::migrate::sqlx::Row> ::migrate::sqlx::FromRow<'r, R> for TagsRow
where
    &'r str: ::migrate::sqlx::ColumnIndex<R>,
    i32: ::migrate::sqlx::Decode<'r, R::Database> + ::migrate::sqlx::Type<R::Database>,
    String: ::migrate::sqlx::Decode<'r, R::Database> + ::migrate::sqlx::Type<R::Database>,
{
    fn from_row(row: &'r R) -> Result<Self, ::migrate::sqlx::Error> {
        Ok(Self {
            id: row.try_get("id")?,
            name: row.try_get("name")?,
        })
    }
}

/// Table `users` and its columns, for sea-query.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Users {
    /// The table.
    Table,
    /// Column `id`.
    Id,
    /// Column `email`.
    Email,
    /// Column `display_name`.
    DisplayName,
    /// Column `active`.
    Active,
    /// Column `created_at`.
    CreatedAt,
}

impl ::migrate::schema::sea_query::Iden for Users {
    fn unquoted(&self) -> &str {
        match self {
            Self::Table => "users",
            Self::Id => "id",
            Self::Email => "email",
            Self::DisplayName => "display_name",
            Self::Active => "active",
            Self::CreatedAt => "created_at",
        }
    }
}

impl Users {
    /// Column `id`, typed (for seeds).
    pub const ID: ::migrate::seed::Column<i64> = ::migrate::seed::Column::new("users", "id");
    /// Column `email`, typed (for seeds).
    pub const EMAIL: ::migrate::seed::Column<String> = ::migrate::seed::Column::new("users", "email");
    /// Column `display_name`, typed (for seeds).
    pub const DISPLAY_NAME: ::migrate::seed::Column<Option<String>> = ::migrate::seed::Column::new("users", "display_name");
    /// Column `active`, typed (for seeds).
    pub const ACTIVE: ::migrate::seed::Column<bool> = ::migrate::seed::Column::new("users", "active");
    /// Column `created_at`, typed (for seeds).
    pub const CREATED_AT: ::migrate::seed::Column<::migrate::sqlx::types::chrono::NaiveDateTime> = ::migrate::seed::Column::new("users", "created_at");
}

/// A row of `users`.
#[derive(Debug, Clone, PartialEq)]
pub struct UsersRow {
    /// Column `id`.
    pub id: i64,
    /// Column `email`.
    pub email: String,
    /// Column `display_name`.
    pub display_name: Option<String>,
    /// Column `active`.
    pub active: bool,
    /// Column `created_at`.
    pub created_at: ::migrate::sqlx::types::chrono::NaiveDateTime,
}

impl<'r, R: ::migrate::sqlx::Row> ::migrate::sqlx::FromRow<'r, R> for UsersRow
where
    &'r str: ::migrate::sqlx::ColumnIndex<R>,
    i64: ::migrate::sqlx::Decode<'r, R::Database> + ::migrate::sqlx::Type<R::Database>,
    String: ::migrate::sqlx::Decode<'r, R::Database> + ::migrate::sqlx::Type<R::Database>,
    Option<String>: ::migrate::sqlx::Decode<'r, R::Database> + ::migrate::sqlx::Type<R::Database>,
    bool: ::migrate::sqlx::Decode<'r, R::Database> + ::migrate::sqlx::Type<R::Database>,
    ::migrate::sqlx::types::chrono::NaiveDateTime: ::migrate::sqlx::Decode<'r, R::Database> + ::migrate::sqlx::Type<R::Database>,
{
    fn from_row(row: &'r R) -> Result<Self, ::migrate::sqlx::Error> {
        Ok(Self {
            id: row.try_get("id")?,
            email: row.try_get("email")?,
            display_name: row.try_get("display_name")?,
            active: row.try_get("active")?,
            created_at: row.try_get("created_at")?,
        })
    }
}
