/// The OpenAPI 3.1 description of the Content and Admin APIs, served at `/api/openapi.json`.
/// Keep it true: `scripts/api-check.sh` validates it and runs schemathesis against a live server.
enum OpenAPIDocument {
    static let json = #"""
{
 "components": {
  "schemas": {
   "RelatedOverrides": {
    "properties": {
     "article_id": {
      "type": "integer"
     },
     "excluded": {
      "items": {
       "type": "integer"
      },
      "type": "array"
     },
     "picks": {
      "items": {
       "properties": {
        "headline": {
         "type": "string"
        },
        "id": {
         "type": "integer"
        },
        "reason": {
         "type": "string"
        },
        "slug": {
         "type": "string"
        }
       },
       "required": [
        "id",
        "slug",
        "headline",
        "reason"
       ],
       "type": "object"
      },
      "type": "array"
     },
     "pinned": {
      "items": {
       "type": "integer"
      },
      "type": "array"
     }
    },
    "required": [
     "article_id",
     "pinned",
     "excluded",
     "picks"
    ],
    "type": "object"
   },
   "AdminArticleList": {
    "properties": {
     "articles": {
      "items": {
       "properties": {
        "authors": {
         "items": {
          "type": "string"
         },
         "type": "array"
        },
        "headline": {
         "type": "string"
        },
        "id": {
         "type": "integer"
        },
        "published_at": {
         "format": "date-time",
         "type": "string"
        },
        "section": {
         "type": "string"
        },
        "slug": {
         "type": "string"
        },
        "updated_at": {
         "format": "date-time",
         "type": "string"
        }
       },
       "required": [
        "id",
        "slug",
        "headline",
        "section",
        "authors",
        "updated_at"
       ],
       "type": "object"
      },
      "type": "array"
     },
     "page": {
      "type": "integer"
     },
     "page_count": {
      "type": "integer"
     },
     "total": {
      "type": "integer"
     }
    },
    "required": [
     "articles",
     "page",
     "page_count",
     "total"
    ],
    "type": "object"
   },
   "Article": {
    "properties": {
     "authors": {
      "items": {
       "$ref": "#/components/schemas/Credit"
      },
      "type": "array"
     },
     "body_html": {
      "type": "string"
     },
     "body_markdown": {
      "description": "Admin API only",
      "type": "string"
     },
     "corrections": {
      "items": {
       "$ref": "#/components/schemas/Correction"
      },
      "type": "array"
     },
     "created_at": {
      "format": "date-time",
      "type": "string"
     },
     "dek": {
      "type": "string"
     },
     "headline": {
      "type": "string"
     },
     "id": {
      "type": "integer"
     },
     "lead_image": {
      "$ref": "#/components/schemas/LeadImage"
     },
     "published_at": {
      "format": "date-time",
      "type": "string"
     },
     "section": {
      "$ref": "#/components/schemas/Section"
     },
     "slug": {
      "type": "string"
     },
     "status": {
      "description": "Admin API only",
      "enum": [
       "draft",
       "scheduled",
       "published"
      ],
      "type": "string"
     },
     "tags": {
      "items": {
       "$ref": "#/components/schemas/Tag"
      },
      "type": "array"
     },
     "updated_at": {
      "format": "date-time",
      "type": "string"
     },
     "url": {
      "type": "string"
     }
    },
    "required": [
     "id",
     "slug",
     "url",
     "headline",
     "dek",
     "section",
     "authors",
     "tags",
     "created_at",
     "updated_at",
     "body_html",
     "corrections"
    ],
    "type": "object"
   },
   "ArticleInput": {
    "additionalProperties": false,
    "properties": {
     "authors": {
      "items": {
       "additionalProperties": false,
       "properties": {
        "name": {
         "type": "string"
        },
        "role": {
         "type": "string"
        }
       },
       "required": [
        "name"
       ],
       "type": "object"
      },
      "type": "array"
     },
     "body": {
      "description": "Markdown",
      "type": "string"
     },
     "dek": {
      "type": "string"
     },
     "headline": {
      "type": "string"
     },
     "lead_image": {
      "additionalProperties": false,
      "properties": {
       "alt": {
        "type": "string"
       },
       "caption": {
        "type": "string"
       },
       "credit": {
        "type": "string"
       },
       "url": {
        "type": "string"
       }
      },
      "required": [
       "url",
       "alt"
      ],
      "type": "object"
     },
     "section": {
      "pattern": "^[a-z0-9]+(-[a-z0-9]+)*$",
      "type": "string"
     },
     "slug": {
      "maxLength": 120,
      "pattern": "^[a-z0-9]+(-[a-z0-9]+)*$",
      "type": "string"
     },
     "tags": {
      "items": {
       "type": "string"
      },
      "type": "array"
     }
    },
    "required": [
     "headline",
     "body",
     "section"
    ],
    "type": "object"
   },
   "ArticleList": {
    "properties": {
     "articles": {
      "items": {
       "$ref": "#/components/schemas/ArticleSummary"
      },
      "type": "array"
     },
     "next_cursor": {
      "type": "string"
     }
    },
    "required": [
     "articles"
    ],
    "type": "object"
   },
   "ArticleSummary": {
    "properties": {
     "authors": {
      "items": {
       "$ref": "#/components/schemas/Credit"
      },
      "type": "array"
     },
     "dek": {
      "type": "string"
     },
     "headline": {
      "type": "string"
     },
     "id": {
      "type": "integer"
     },
     "lead_image": {
      "$ref": "#/components/schemas/LeadImage"
     },
     "published_at": {
      "format": "date-time",
      "type": "string"
     },
     "section": {
      "$ref": "#/components/schemas/Section"
     },
     "slug": {
      "type": "string"
     },
     "updated_at": {
      "format": "date-time",
      "type": "string"
     },
     "url": {
      "type": "string"
     }
    },
    "required": [
     "id",
     "slug",
     "url",
     "headline",
     "dek",
     "section",
     "authors",
     "updated_at"
    ],
    "type": "object"
   },
   "AuditEntry": {
    "properties": {
     "action": {
      "type": "string"
     },
     "actor": {
      "type": "string"
     },
     "at": {
      "format": "date-time",
      "type": "string"
     },
     "detail": {
      "type": "string"
     },
     "id": {
      "type": "integer"
     },
     "target": {
      "type": "string"
     }
    },
    "required": [
     "id",
     "at",
     "actor",
     "action",
     "target",
     "detail"
    ],
    "type": "object"
   },
   "Author": {
    "properties": {
     "bio": {
      "type": "string"
     },
     "id": {
      "type": "integer"
     },
     "name": {
      "type": "string"
     },
     "slug": {
      "type": "string"
     },
     "url": {
      "type": "string"
     }
    },
    "required": [
     "id",
     "slug",
     "name",
     "bio",
     "url"
    ],
    "type": "object"
   },
   "Correction": {
    "properties": {
     "created_at": {
      "format": "date-time",
      "type": "string"
     },
     "id": {
      "type": "integer"
     },
     "text": {
      "type": "string"
     }
    },
    "required": [
     "id",
     "text",
     "created_at"
    ],
    "type": "object"
   },
   "Credit": {
    "properties": {
     "name": {
      "type": "string"
     },
     "role": {
      "type": "string"
     },
     "slug": {
      "type": "string"
     }
    },
    "required": [
     "name",
     "slug"
    ],
    "type": "object"
   },
   "Diff": {
    "properties": {
     "fields": {
      "items": {
       "properties": {
        "field": {
         "type": "string"
        },
        "runs": {
         "items": {
          "properties": {
           "change": {
            "enum": [
             "same",
             "removed",
             "inserted"
            ],
            "type": "string"
           },
           "text": {
            "type": "string"
           }
          },
          "required": [
           "change",
           "text"
          ],
          "type": "object"
         },
         "type": "array"
        }
       },
       "required": [
        "field",
        "runs"
       ],
       "type": "object"
      },
      "type": "array"
     },
     "from": {
      "type": "integer"
     },
     "to": {
      "type": "integer"
     }
    },
    "required": [
     "to",
     "fields"
    ],
    "type": "object"
   },
   "Error": {
    "properties": {
     "error": {
      "properties": {
       "code": {
        "type": "string"
       },
       "issues": {
        "items": {
         "properties": {
          "field": {
           "type": "string"
          },
          "message": {
           "type": "string"
          }
         },
         "required": [
          "field",
          "message"
         ],
         "type": "object"
        },
        "type": "array"
       },
       "message": {
        "type": "string"
       }
      },
      "required": [
       "code",
       "message",
       "issues"
      ],
      "type": "object"
     }
    },
    "required": [
     "error"
    ],
    "type": "object"
   },
   "LeadImage": {
    "properties": {
     "alt": {
      "type": "string"
     },
     "caption": {
      "type": "string"
     },
     "credit": {
      "type": "string"
     },
     "url": {
      "type": "string"
     }
    },
    "required": [
     "url",
     "alt"
    ],
    "type": "object"
   },
   "Revision": {
    "properties": {
     "actor": {
      "type": "string"
     },
     "created_at": {
      "format": "date-time",
      "type": "string"
     },
     "headline": {
      "type": "string"
     },
     "id": {
      "type": "integer"
     },
     "number": {
      "type": "integer"
     }
    },
    "required": [
     "id",
     "number",
     "actor",
     "created_at",
     "headline"
    ],
    "type": "object"
   },
   "Section": {
    "properties": {
     "id": {
      "type": "integer"
     },
     "name": {
      "type": "string"
     },
     "position": {
      "type": "integer"
     },
     "slug": {
      "type": "string"
     },
     "summary": {
      "type": "string"
     },
     "url": {
      "type": "string"
     }
    },
    "required": [
     "id",
     "slug",
     "name",
     "summary",
     "position",
     "url"
    ],
    "type": "object"
   },
   "Tag": {
    "properties": {
     "id": {
      "type": "integer"
     },
     "name": {
      "type": "string"
     },
     "slug": {
      "type": "string"
     },
     "url": {
      "type": "string"
     }
    },
    "required": [
     "id",
     "slug",
     "name",
     "url"
    ],
    "type": "object"
   },
   "TagChange": {
    "properties": {
     "articles": {
      "minimum": 0,
      "type": "integer"
     },
     "tag": {
      "oneOf": [
       {
        "$ref": "#/components/schemas/Tag"
       },
       {
        "type": "null"
       }
      ]
     }
    },
    "required": [
     "articles"
    ],
    "type": "object"
   },
   "TagUsage": {
    "properties": {
     "articles": {
      "minimum": 0,
      "type": "integer"
     },
     "entity_type": {
      "enum": [
       "PER",
       "LOC",
       "ORG",
       "MISC",
       null
      ],
      "type": [
       "string",
       "null"
      ]
     },
     "id": {
      "type": "integer"
     },
     "name": {
      "type": "string"
     },
     "slug": {
      "type": "string"
     },
     "url": {
      "type": "string"
     }
    },
    "required": [
     "id",
     "slug",
     "name",
     "url",
     "articles"
    ],
    "type": "object"
   }
  },
  "securitySchemes": {
   "bearer": {
    "scheme": "bearer",
    "type": "http"
   },
   "session": {
    "in": "cookie",
    "name": "byline_session",
    "type": "apiKey"
   }
  }
 },
 "info": {
  "description": "Content API: published articles, sections, tags, authors (API key optional; a key that is sent must be valid). Admin API: article writes and workflow; Bearer token of scope admin, or a session cookie with X-CSRF-Token on writes. Errors are JSON with field-level issues; unknown fields are rejected (422); bodies are capped at 1 MiB (413).",
  "title": "Byline Content and Admin API",
  "version": "1.0.0"
 },
 "openapi": "3.1.0",
 "paths": {
  "/api/v1/admin/articles": {
   "get": {
    "operationId": "adminListArticles",
    "parameters": [
     {
      "in": "query",
      "name": "status",
      "schema": {
       "enum": [
        "draft",
        "scheduled",
        "published"
       ],
       "type": "string"
      }
     },
     {
      "description": "Section slug",
      "in": "query",
      "name": "section",
      "required": false,
      "schema": {
       "type": "string"
      }
     },
     {
      "description": "Author slug",
      "in": "query",
      "name": "author",
      "required": false,
      "schema": {
       "type": "string"
      }
     },
     {
      "in": "query",
      "name": "page",
      "schema": {
       "maximum": 10000,
       "minimum": 1,
       "type": "integer"
      }
     }
    ],
    "responses": {
     "200": {
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/AdminArticleList"
        }
       }
      },
      "description": "Articles in any status"
     },
     "400": {
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      },
      "description": "Invalid parameter"
     },
     "401": {
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      },
      "description": "Missing or invalid credentials"
     },
     "403": {
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      },
      "description": "Role or token scope does not allow this"
     }
    },
    "security": [
     {
      "bearer": []
     },
     {
      "session": []
     }
    ]
   },
   "post": {
    "operationId": "createArticle",
    "requestBody": {
     "content": {
      "application/json": {
       "schema": {
        "$ref": "#/components/schemas/ArticleInput"
       }
      }
     },
     "required": true
    },
    "responses": {
     "201": {
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Article"
        }
       }
      },
      "description": "Created (as a draft)"
     },
     "401": {
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      },
      "description": "Missing or invalid credentials"
     },
     "403": {
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      },
      "description": "Role or token scope does not allow this"
     },
     "413": {
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      },
      "description": "Body larger than 1 MiB"
     },
     "415": {
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      },
      "description": "Body is not application/json"
     },
     "422": {
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      },
      "description": "Invalid or unknown fields"
     }
    },
    "security": [
     {
      "bearer": []
     },
     {
      "session": []
     }
    ]
   }
  },
  "/api/v1/admin/articles/{id}": {
   "delete": {
    "operationId": "deleteArticle",
    "parameters": [
     {
      "in": "path",
      "name": "id",
      "required": true,
      "schema": {
       "minimum": 1,
       "type": "integer"
      }
     }
    ],
    "responses": {
     "204": {
      "description": "Deleted"
     },
     "401": {
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      },
      "description": "Missing or invalid credentials"
     },
     "403": {
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      },
      "description": "Role or token scope does not allow this"
     },
     "404": {
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      },
      "description": "No such resource"
     }
    },
    "security": [
     {
      "bearer": []
     },
     {
      "session": []
     }
    ]
   },
   "get": {
    "operationId": "adminGetArticle",
    "parameters": [
     {
      "in": "path",
      "name": "id",
      "required": true,
      "schema": {
       "minimum": 1,
       "type": "integer"
      }
     }
    ],
    "responses": {
     "200": {
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Article"
        }
       }
      },
      "description": "The article"
     },
     "401": {
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      },
      "description": "Missing or invalid credentials"
     },
     "403": {
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      },
      "description": "Role or token scope does not allow this"
     },
     "404": {
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      },
      "description": "No such resource"
     }
    },
    "security": [
     {
      "bearer": []
     },
     {
      "session": []
     }
    ]
   },
   "put": {
    "operationId": "updateArticle",
    "parameters": [
     {
      "in": "path",
      "name": "id",
      "required": true,
      "schema": {
       "minimum": 1,
       "type": "integer"
      }
     }
    ],
    "requestBody": {
     "content": {
      "application/json": {
       "schema": {
        "$ref": "#/components/schemas/ArticleInput"
       }
      }
     },
     "required": true
    },
    "responses": {
     "200": {
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Article"
        }
       }
      },
      "description": "Updated"
     },
     "401": {
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      },
      "description": "Missing or invalid credentials"
     },
     "403": {
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      },
      "description": "Role or token scope does not allow this"
     },
     "404": {
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      },
      "description": "No such resource"
     },
     "413": {
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      },
      "description": "Body larger than 1 MiB"
     },
     "415": {
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      },
      "description": "Body is not application/json"
     },
     "422": {
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      },
      "description": "Invalid or unknown fields"
     }
    },
    "security": [
     {
      "bearer": []
     },
     {
      "session": []
     }
    ]
   }
  },
  "/api/v1/admin/articles/{id}/related": {
   "get": {
    "operationId": "getRelatedOverrides",
    "parameters": [
     {
      "in": "path",
      "name": "id",
      "required": true,
      "schema": {
       "minimum": 1,
       "type": "integer"
      }
     }
    ],
    "responses": {
     "200": {
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/RelatedOverrides"
        }
       }
      },
      "description": "Pins, exclusions and the related block as readers see it"
     },
     "401": {
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      },
      "description": "Missing or invalid credentials"
     },
     "403": {
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      },
      "description": "Role or token scope does not allow this"
     },
     "404": {
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      },
      "description": "No such resource"
     }
    },
    "security": [
     {
      "bearer": []
     },
     {
      "session": []
     }
    ]
   },
   "put": {
    "operationId": "setRelatedOverrides",
    "parameters": [
     {
      "in": "path",
      "name": "id",
      "required": true,
      "schema": {
       "minimum": 1,
       "type": "integer"
      }
     }
    ],
    "requestBody": {
     "content": {
      "application/json": {
       "schema": {
        "additionalProperties": false,
        "properties": {
         "excluded": {
          "items": {
           "minimum": 1,
           "type": "integer"
          },
          "maxItems": 100,
          "type": "array"
         },
         "pinned": {
          "items": {
           "minimum": 1,
           "type": "integer"
          },
          "maxItems": 10,
          "type": "array"
         }
        },
        "type": "object"
       }
      }
     },
     "required": true
    },
    "responses": {
     "200": {
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/RelatedOverrides"
        }
       }
      },
      "description": "Overrides saved; the block as readers now see it"
     },
     "401": {
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      },
      "description": "Missing or invalid credentials"
     },
     "403": {
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      },
      "description": "Role or token scope does not allow this"
     },
     "404": {
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      },
      "description": "No such resource"
     },
     "413": {
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      },
      "description": "Body larger than 1 MiB"
     },
     "415": {
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      },
      "description": "Body is not application/json"
     },
     "422": {
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      },
      "description": "Invalid or unknown fields, unknown stories, or the article itself"
     }
    },
    "security": [
     {
      "bearer": []
     },
     {
      "session": []
     }
    ]
   }
  },
  "/api/v1/admin/articles/{id}/corrections": {
   "post": {
    "operationId": "addCorrection",
    "parameters": [
     {
      "in": "path",
      "name": "id",
      "required": true,
      "schema": {
       "minimum": 1,
       "type": "integer"
      }
     }
    ],
    "requestBody": {
     "content": {
      "application/json": {
       "schema": {
        "additionalProperties": false,
        "properties": {
         "text": {
          "type": "string"
         }
        },
        "required": [
         "text"
        ],
        "type": "object"
       }
      }
     },
     "required": true
    },
    "responses": {
     "201": {
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Correction"
        }
       }
      },
      "description": "Correction added"
     },
     "401": {
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      },
      "description": "Missing or invalid credentials"
     },
     "403": {
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      },
      "description": "Role or token scope does not allow this"
     },
     "404": {
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      },
      "description": "No such resource"
     },
     "409": {
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      },
      "description": "Article not published"
     },
     "413": {
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      },
      "description": "Body larger than 1 MiB"
     },
     "415": {
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      },
      "description": "Body is not application/json"
     },
     "422": {
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      },
      "description": "Invalid or unknown fields"
     }
    },
    "security": [
     {
      "bearer": []
     },
     {
      "session": []
     }
    ]
   }
  },
  "/api/v1/admin/articles/{id}/publish": {
   "post": {
    "operationId": "publishArticle",
    "parameters": [
     {
      "in": "path",
      "name": "id",
      "required": true,
      "schema": {
       "minimum": 1,
       "type": "integer"
      }
     }
    ],
    "responses": {
     "200": {
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Article"
        }
       }
      },
      "description": "Published"
     },
     "401": {
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      },
      "description": "Missing or invalid credentials"
     },
     "403": {
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      },
      "description": "Role or token scope does not allow this"
     },
     "404": {
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      },
      "description": "No such resource"
     }
    },
    "security": [
     {
      "bearer": []
     },
     {
      "session": []
     }
    ]
   }
  },
  "/api/v1/admin/articles/{id}/revisions": {
   "get": {
    "operationId": "listRevisions",
    "parameters": [
     {
      "in": "path",
      "name": "id",
      "required": true,
      "schema": {
       "minimum": 1,
       "type": "integer"
      }
     }
    ],
    "responses": {
     "200": {
      "content": {
       "application/json": {
        "schema": {
         "properties": {
          "revisions": {
           "items": {
            "$ref": "#/components/schemas/Revision"
           },
           "type": "array"
          }
         },
         "required": [
          "revisions"
         ],
         "type": "object"
        }
       }
      },
      "description": "Revisions, newest first"
     },
     "401": {
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      },
      "description": "Missing or invalid credentials"
     },
     "403": {
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      },
      "description": "Role or token scope does not allow this"
     },
     "404": {
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      },
      "description": "No such resource"
     }
    },
    "security": [
     {
      "bearer": []
     },
     {
      "session": []
     }
    ]
   }
  },
  "/api/v1/admin/articles/{id}/revisions/{revision}/diff": {
   "get": {
    "operationId": "diffRevision",
    "parameters": [
     {
      "in": "path",
      "name": "id",
      "required": true,
      "schema": {
       "minimum": 1,
       "type": "integer"
      }
     },
     {
      "in": "path",
      "name": "revision",
      "required": true,
      "schema": {
       "minimum": 1,
       "type": "integer"
      }
     }
    ],
    "responses": {
     "200": {
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Diff"
        }
       }
      },
      "description": "Word-level diff against the previous revision"
     },
     "401": {
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      },
      "description": "Missing or invalid credentials"
     },
     "403": {
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      },
      "description": "Role or token scope does not allow this"
     },
     "404": {
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      },
      "description": "No such resource"
     }
    },
    "security": [
     {
      "bearer": []
     },
     {
      "session": []
     }
    ]
   }
  },
  "/api/v1/admin/articles/{id}/revisions/{revision}/restore": {
   "post": {
    "operationId": "restoreRevision",
    "parameters": [
     {
      "in": "path",
      "name": "id",
      "required": true,
      "schema": {
       "minimum": 1,
       "type": "integer"
      }
     },
     {
      "in": "path",
      "name": "revision",
      "required": true,
      "schema": {
       "minimum": 1,
       "type": "integer"
      }
     }
    ],
    "responses": {
     "200": {
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Article"
        }
       }
      },
      "description": "Restored"
     },
     "401": {
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      },
      "description": "Missing or invalid credentials"
     },
     "403": {
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      },
      "description": "Role or token scope does not allow this"
     },
     "404": {
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      },
      "description": "No such resource"
     }
    },
    "security": [
     {
      "bearer": []
     },
     {
      "session": []
     }
    ]
   }
  },
  "/api/v1/admin/articles/{id}/schedule": {
   "post": {
    "operationId": "scheduleArticle",
    "parameters": [
     {
      "in": "path",
      "name": "id",
      "required": true,
      "schema": {
       "minimum": 1,
       "type": "integer"
      }
     }
    ],
    "requestBody": {
     "content": {
      "application/json": {
       "schema": {
        "additionalProperties": false,
        "properties": {
         "publish_at": {
          "format": "date-time",
          "type": "string"
         }
        },
        "required": [
         "publish_at"
        ],
        "type": "object"
       }
      }
     },
     "required": true
    },
    "responses": {
     "200": {
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Article"
        }
       }
      },
      "description": "Scheduled"
     },
     "401": {
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      },
      "description": "Missing or invalid credentials"
     },
     "403": {
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      },
      "description": "Role or token scope does not allow this"
     },
     "404": {
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      },
      "description": "No such resource"
     },
     "413": {
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      },
      "description": "Body larger than 1 MiB"
     },
     "415": {
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      },
      "description": "Body is not application/json"
     },
     "422": {
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      },
      "description": "Invalid or unknown fields"
     }
    },
    "security": [
     {
      "bearer": []
     },
     {
      "session": []
     }
    ]
   }
  },
  "/api/v1/admin/articles/{id}/submit": {
   "post": {
    "operationId": "submitArticle",
    "parameters": [
     {
      "in": "path",
      "name": "id",
      "required": true,
      "schema": {
       "minimum": 1,
       "type": "integer"
      }
     }
    ],
    "responses": {
     "200": {
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Article"
        }
       }
      },
      "description": "Submitted for review"
     },
     "401": {
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      },
      "description": "Missing or invalid credentials"
     },
     "403": {
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      },
      "description": "Role or token scope does not allow this"
     },
     "404": {
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      },
      "description": "No such resource"
     },
     "409": {
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      },
      "description": "Not a draft"
     }
    },
    "security": [
     {
      "bearer": []
     },
     {
      "session": []
     }
    ]
   }
  },
  "/api/v1/admin/articles/{id}/unpublish": {
   "post": {
    "operationId": "unpublishArticle",
    "parameters": [
     {
      "in": "path",
      "name": "id",
      "required": true,
      "schema": {
       "minimum": 1,
       "type": "integer"
      }
     }
    ],
    "responses": {
     "200": {
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Article"
        }
       }
      },
      "description": "Back to draft"
     },
     "401": {
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      },
      "description": "Missing or invalid credentials"
     },
     "403": {
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      },
      "description": "Role or token scope does not allow this"
     },
     "404": {
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      },
      "description": "No such resource"
     }
    },
    "security": [
     {
      "bearer": []
     },
     {
      "session": []
     }
    ]
   }
  },
  "/api/v1/admin/audit": {
   "get": {
    "operationId": "listAudit",
    "parameters": [
     {
      "in": "query",
      "name": "limit",
      "schema": {
       "maximum": 500,
       "minimum": 1,
       "type": "integer"
      }
     },
     {
      "in": "query",
      "name": "offset",
      "schema": {
       "maximum": 1000000,
       "minimum": 0,
       "type": "integer"
      }
     }
    ],
    "responses": {
     "200": {
      "content": {
       "application/json": {
        "schema": {
         "properties": {
          "entries": {
           "items": {
            "$ref": "#/components/schemas/AuditEntry"
           },
           "type": "array"
          }
         },
         "required": [
          "entries"
         ],
         "type": "object"
        }
       }
      },
      "description": "Audit log, newest first (admins only)"
     },
     "400": {
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      },
      "description": "Invalid parameter"
     },
     "401": {
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      },
      "description": "Missing or invalid credentials"
     },
     "403": {
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      },
      "description": "Role or token scope does not allow this"
     }
    },
    "security": [
     {
      "bearer": []
     },
     {
      "session": []
     }
    ]
   }
  },
  "/api/v1/admin/authors/{slug}": {
   "put": {
    "operationId": "updateAuthor",
    "parameters": [
     {
      "in": "path",
      "name": "slug",
      "required": true,
      "schema": {
       "type": "string"
      }
     }
    ],
    "requestBody": {
     "content": {
      "application/json": {
       "schema": {
        "additionalProperties": false,
        "properties": {
         "bio": {
          "type": "string"
         }
        },
        "required": [
         "bio"
        ],
        "type": "object"
       }
      }
     },
     "required": true
    },
    "responses": {
     "200": {
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Author"
        }
       }
      },
      "description": "Updated"
     },
     "401": {
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      },
      "description": "Missing or invalid credentials"
     },
     "403": {
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      },
      "description": "Role or token scope does not allow this"
     },
     "404": {
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      },
      "description": "No such resource"
     },
     "413": {
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      },
      "description": "Body larger than 1 MiB"
     },
     "415": {
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      },
      "description": "Body is not application/json"
     },
     "422": {
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      },
      "description": "Invalid or unknown fields"
     }
    },
    "security": [
     {
      "bearer": []
     },
     {
      "session": []
     }
    ]
   }
  },
  "/api/v1/admin/sections": {
   "post": {
    "operationId": "createSection",
    "requestBody": {
     "content": {
      "application/json": {
       "schema": {
        "additionalProperties": false,
        "properties": {
         "name": {
          "type": "string"
         },
         "position": {
          "type": "integer"
         },
         "slug": {
          "pattern": "^[a-z0-9]+(-[a-z0-9]+)*$",
          "type": "string"
         },
         "summary": {
          "type": "string"
         }
        },
        "required": [
         "slug",
         "name"
        ],
        "type": "object"
       }
      }
     },
     "required": true
    },
    "responses": {
     "201": {
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Section"
        }
       }
      },
      "description": "Created"
     },
     "401": {
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      },
      "description": "Missing or invalid credentials"
     },
     "403": {
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      },
      "description": "Role or token scope does not allow this"
     },
     "409": {
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      },
      "description": "Slug taken"
     },
     "413": {
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      },
      "description": "Body larger than 1 MiB"
     },
     "415": {
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      },
      "description": "Body is not application/json"
     },
     "422": {
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      },
      "description": "Invalid or unknown fields"
     }
    },
    "security": [
     {
      "bearer": []
     },
     {
      "session": []
     }
    ]
   }
  },
  "/api/v1/admin/sections/{slug}": {
   "put": {
    "description": "Renames a section, changes its summary or its position in navigation; the slug stays. Editors and admins.",
    "operationId": "updateSection",
    "parameters": [
     {
      "in": "path",
      "name": "slug",
      "required": true,
      "schema": {
       "type": "string"
      }
     }
    ],
    "requestBody": {
     "content": {
      "application/json": {
       "schema": {
        "additionalProperties": false,
        "properties": {
         "name": {
          "type": "string"
         },
         "position": {
          "type": "integer"
         },
         "summary": {
          "type": "string"
         }
        },
        "type": "object"
       }
      }
     },
     "required": true
    },
    "responses": {
     "200": {
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Section"
        }
       }
      },
      "description": "Updated"
     },
     "401": {
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      },
      "description": "Missing or invalid credentials"
     },
     "403": {
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      },
      "description": "Role or token scope does not allow this"
     },
     "404": {
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      },
      "description": "No such resource"
     },
     "413": {
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      },
      "description": "Body larger than 1 MiB"
     },
     "415": {
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      },
      "description": "Body is not application/json"
     },
     "422": {
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      },
      "description": "Invalid or unknown fields"
     }
    },
    "security": [
     {
      "bearer": []
     },
     {
      "session": []
     }
    ]
   }
  },
  "/api/v1/admin/tags": {
   "get": {
    "description": "Every tag with the number of articles (any status) carrying it, by name. Editors and admins.",
    "operationId": "listTagsForDesk",
    "parameters": [
     {
      "in": "query",
      "name": "q",
      "schema": {
       "maxLength": 200,
       "type": "string"
      }
     },
     {
      "in": "query",
      "name": "limit",
      "schema": {
       "maximum": 500,
       "minimum": 1,
       "type": "integer"
      }
     },
     {
      "in": "query",
      "name": "offset",
      "schema": {
       "maximum": 1000000,
       "minimum": 0,
       "type": "integer"
      }
     }
    ],
    "responses": {
     "200": {
      "content": {
       "application/json": {
        "schema": {
         "properties": {
          "tags": {
           "items": {
            "$ref": "#/components/schemas/TagUsage"
           },
           "type": "array"
          }
         },
         "required": [
          "tags"
         ],
         "type": "object"
        }
       }
      },
      "description": "Tags"
     },
     "401": {
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      },
      "description": "Missing or invalid credentials"
     },
     "403": {
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      },
      "description": "Role or token scope does not allow this"
     },
     "422": {
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      },
      "description": "Invalid query parameter"
     }
    },
    "security": [
     {
      "bearer": []
     },
     {
      "session": []
     }
    ]
   }
  },
  "/api/v1/admin/tags/{slug}": {
   "delete": {
    "description": "Removes the tag from every article and deletes it; the tagger will not add it back to those articles.",
    "operationId": "deleteTag",
    "parameters": [
     {
      "in": "path",
      "name": "slug",
      "required": true,
      "schema": {
       "type": "string"
      }
     }
    ],
    "responses": {
     "200": {
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/TagChange"
        }
       }
      },
      "description": "Deleted"
     },
     "401": {
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      },
      "description": "Missing or invalid credentials"
     },
     "403": {
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      },
      "description": "Role or token scope does not allow this"
     },
     "404": {
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      },
      "description": "No such resource"
     }
    },
    "security": [
     {
      "bearer": []
     },
     {
      "session": []
     }
    ]
   },
   "put": {
    "description": "Renames a tag; its slug follows the new name. 409 when another tag has that slug (merge instead).",
    "operationId": "renameTag",
    "parameters": [
     {
      "in": "path",
      "name": "slug",
      "required": true,
      "schema": {
       "type": "string"
      }
     }
    ],
    "requestBody": {
     "content": {
      "application/json": {
       "schema": {
        "additionalProperties": false,
        "properties": {
         "name": {
          "type": "string"
         }
        },
        "required": [
         "name"
        ],
        "type": "object"
       }
      }
     },
     "required": true
    },
    "responses": {
     "200": {
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Tag"
        }
       }
      },
      "description": "Renamed"
     },
     "401": {
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      },
      "description": "Missing or invalid credentials"
     },
     "403": {
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      },
      "description": "Role or token scope does not allow this"
     },
     "404": {
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      },
      "description": "No such resource"
     },
     "409": {
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      },
      "description": "Another tag has that name"
     },
     "413": {
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      },
      "description": "Body larger than 1 MiB"
     },
     "415": {
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      },
      "description": "Body is not application/json"
     },
     "422": {
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      },
      "description": "Invalid or unknown fields"
     }
    },
    "security": [
     {
      "bearer": []
     },
     {
      "session": []
     }
    ]
   }
  },
  "/api/v1/admin/tags/{slug}/merge": {
   "post": {
    "description": "Moves every article of this tag to the tag `into` and deletes this tag.",
    "operationId": "mergeTag",
    "parameters": [
     {
      "in": "path",
      "name": "slug",
      "required": true,
      "schema": {
       "type": "string"
      }
     }
    ],
    "requestBody": {
     "content": {
      "application/json": {
       "schema": {
        "additionalProperties": false,
        "properties": {
         "into": {
          "pattern": "^[a-z0-9]+(-[a-z0-9]+)*$",
          "type": "string"
         }
        },
        "required": [
         "into"
        ],
        "type": "object"
       }
      }
     },
     "required": true
    },
    "responses": {
     "200": {
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/TagChange"
        }
       }
      },
      "description": "Merged"
     },
     "401": {
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      },
      "description": "Missing or invalid credentials"
     },
     "403": {
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      },
      "description": "Role or token scope does not allow this"
     },
     "404": {
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      },
      "description": "No such resource"
     },
     "409": {
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      },
      "description": "A tag cannot be merged into itself"
     },
     "413": {
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      },
      "description": "Body larger than 1 MiB"
     },
     "415": {
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      },
      "description": "Body is not application/json"
     },
     "422": {
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      },
      "description": "Invalid or unknown fields"
     }
    },
    "security": [
     {
      "bearer": []
     },
     {
      "session": []
     }
    ]
   }
  },
  "/api/v1/articles": {
   "get": {
    "operationId": "listArticles",
    "parameters": [
     {
      "description": "Section slug",
      "in": "query",
      "name": "section",
      "required": false,
      "schema": {
       "type": "string"
      }
     },
     {
      "description": "Tag slug",
      "in": "query",
      "name": "tag",
      "required": false,
      "schema": {
       "type": "string"
      }
     },
     {
      "description": "Author slug",
      "in": "query",
      "name": "author",
      "required": false,
      "schema": {
       "type": "string"
      }
     },
     {
      "in": "query",
      "name": "published_after",
      "schema": {
       "format": "date-time",
       "type": "string"
      }
     },
     {
      "in": "query",
      "name": "published_before",
      "schema": {
       "format": "date-time",
       "type": "string"
      }
     },
     {
      "in": "query",
      "name": "limit",
      "schema": {
       "default": 20,
       "maximum": 100,
       "minimum": 1,
       "type": "integer"
      }
     },
     {
      "description": "next_cursor of the previous page",
      "in": "query",
      "name": "cursor",
      "schema": {
       "type": "string"
      }
     }
    ],
    "responses": {
     "200": {
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/ArticleList"
        }
       }
      },
      "description": "A page of articles"
     },
     "400": {
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      },
      "description": "Invalid parameter"
     },
     "401": {
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      },
      "description": "Invalid API key"
     }
    },
    "security": [
     {},
     {
      "bearer": []
     }
    ],
    "summary": "Published articles, newest first, with cursor pagination"
   }
  },
  "/api/v1/articles/{ref}": {
   "get": {
    "operationId": "getArticle",
    "parameters": [
     {
      "description": "Slug or numeric id",
      "in": "path",
      "name": "ref",
      "required": true,
      "schema": {
       "type": "string"
      }
     }
    ],
    "responses": {
     "200": {
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Article"
        }
       }
      },
      "description": "The article"
     },
     "401": {
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      },
      "description": "Invalid API key"
     },
     "404": {
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      },
      "description": "No such resource"
     }
    },
    "security": [
     {},
     {
      "bearer": []
     }
    ]
   }
  },
  "/api/v1/authors": {
   "get": {
    "operationId": "listAuthors",
    "responses": {
     "200": {
      "content": {
       "application/json": {
        "schema": {
         "properties": {
          "authors": {
           "items": {
            "$ref": "#/components/schemas/Author"
           },
           "type": "array"
          }
         },
         "required": [
          "authors"
         ],
         "type": "object"
        }
       }
      },
      "description": "Authors"
     },
     "401": {
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      },
      "description": "Invalid API key"
     }
    },
    "security": [
     {},
     {
      "bearer": []
     }
    ]
   }
  },
  "/api/v1/sections": {
   "get": {
    "operationId": "listSections",
    "responses": {
     "200": {
      "content": {
       "application/json": {
        "schema": {
         "properties": {
          "sections": {
           "items": {
            "$ref": "#/components/schemas/Section"
           },
           "type": "array"
          }
         },
         "required": [
          "sections"
         ],
         "type": "object"
        }
       }
      },
      "description": "Sections"
     },
     "401": {
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      },
      "description": "Invalid API key"
     }
    },
    "security": [
     {},
     {
      "bearer": []
     }
    ]
   }
  },
  "/api/v1/tags": {
   "get": {
    "operationId": "listTags",
    "responses": {
     "200": {
      "content": {
       "application/json": {
        "schema": {
         "properties": {
          "tags": {
           "items": {
            "$ref": "#/components/schemas/Tag"
           },
           "type": "array"
          }
         },
         "required": [
          "tags"
         ],
         "type": "object"
        }
       }
      },
      "description": "Tags in use, most used first"
     },
     "401": {
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Error"
        }
       }
      },
      "description": "Invalid API key"
     }
    },
    "security": [
     {},
     {
      "bearer": []
     }
    ]
   }
  }
 }
}
"""#
}
