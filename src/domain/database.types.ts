export type Json =
  | string
  | number
  | boolean
  | null
  | { [key: string]: Json | undefined }
  | Json[]

export type Database = {
  public: {
    Tables: {
      contacts: {
        Row: {
          attributes: NonNullable<Json>
          created_at: string
          email: string | null
          id: string
          name: string
          phone: string | null
          tags: string[]
          updated_at: string
          workspace_id: string
        }
        Insert: {
          attributes?: NonNullable<Json>
          created_at?: string
          email?: string | null
          id?: string
          name?: string
          phone?: string | null
          tags?: string[]
          updated_at?: string
          workspace_id: string
        }
        Update: {
          attributes?: NonNullable<Json>
          created_at?: string
          email?: string | null
          id?: string
          name?: string
          phone?: string | null
          tags?: string[]
          updated_at?: string
          workspace_id?: string
        }
        Relationships: [
          {
            foreignKeyName: "contacts_workspace_id_fkey"
            columns: ["workspace_id"]
            isOneToOne: false
            referencedRelation: "workspaces"
            referencedColumns: ["id"]
          },
        ]
      }
      flow_execution_counts: {
        Row: {
          flow_id: string
          n: number
          shard: number
          status: string
          workspace_id: string
        }
        Insert: {
          flow_id: string
          n?: number
          shard: number
          status: string
          workspace_id: string
        }
        Update: {
          flow_id?: string
          n?: number
          shard?: number
          status?: string
          workspace_id?: string
        }
        Relationships: []
      }
      flow_execution_steps: {
        Row: {
          attempt: number
          completed_at: string | null
          contact_id: string | null
          created_at: string
          duration_ms: number | null
          error: string | null
          execution_id: string
          flow_id: string
          id: string
          is_test: boolean
          node_id: string
          node_type: string
          result: Json | null
          started_at: string | null
          status: string
          updated_at: string
          workspace_id: string
        }
        Insert: {
          attempt?: number
          completed_at?: string | null
          contact_id?: string | null
          created_at?: string
          duration_ms?: never
          error?: string | null
          execution_id: string
          flow_id: string
          id?: string
          is_test?: boolean
          node_id: string
          node_type: string
          result?: Json | null
          started_at?: string | null
          status?: string
          updated_at?: string
          workspace_id: string
        }
        Update: {
          attempt?: number
          completed_at?: string | null
          contact_id?: string | null
          created_at?: string
          duration_ms?: never
          error?: string | null
          execution_id?: string
          flow_id?: string
          id?: string
          is_test?: boolean
          node_id?: string
          node_type?: string
          result?: Json | null
          started_at?: string | null
          status?: string
          updated_at?: string
          workspace_id?: string
        }
        Relationships: [
          {
            foreignKeyName: "flow_execution_steps_contact_id_fkey"
            columns: ["contact_id"]
            isOneToOne: false
            referencedRelation: "contacts"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "flow_execution_steps_execution_id_fkey"
            columns: ["execution_id"]
            isOneToOne: false
            referencedRelation: "execution_enrollments"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "flow_execution_steps_execution_id_fkey"
            columns: ["execution_id"]
            isOneToOne: false
            referencedRelation: "flow_executions"
            referencedColumns: ["id"]
          },
        ]
      }
      flow_executions: {
        Row: {
          attempt: number
          completed_at: string | null
          contact_id: string | null
          created_at: string
          current_node_id: string | null
          enrollment_reason: string
          error: string | null
          flow_id: string
          id: string
          is_test: boolean
          metadata: NonNullable<Json>
          next_execution_at: string | null
          result: Json | null
          retry_of: string | null
          started_at: string | null
          status: string
          trigger_run_id: string | null
          updated_at: string
          workspace_id: string
        }
        Insert: {
          attempt?: number
          completed_at?: string | null
          contact_id?: string | null
          created_at?: string
          current_node_id?: string | null
          enrollment_reason?: string
          error?: string | null
          flow_id: string
          id?: string
          is_test?: boolean
          metadata?: NonNullable<Json>
          next_execution_at?: string | null
          result?: Json | null
          retry_of?: string | null
          started_at?: string | null
          status?: string
          trigger_run_id?: string | null
          updated_at?: string
          workspace_id: string
        }
        Update: {
          attempt?: number
          completed_at?: string | null
          contact_id?: string | null
          created_at?: string
          current_node_id?: string | null
          enrollment_reason?: string
          error?: string | null
          flow_id?: string
          id?: string
          is_test?: boolean
          metadata?: NonNullable<Json>
          next_execution_at?: string | null
          result?: Json | null
          retry_of?: string | null
          started_at?: string | null
          status?: string
          trigger_run_id?: string | null
          updated_at?: string
          workspace_id?: string
        }
        Relationships: [
          {
            foreignKeyName: "flow_executions_contact_id_fkey"
            columns: ["contact_id"]
            isOneToOne: false
            referencedRelation: "contacts"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "flow_executions_flow_id_fkey"
            columns: ["flow_id"]
            isOneToOne: false
            referencedRelation: "flows"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "flow_executions_retry_of_fkey"
            columns: ["retry_of"]
            isOneToOne: false
            referencedRelation: "execution_enrollments"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "flow_executions_retry_of_fkey"
            columns: ["retry_of"]
            isOneToOne: false
            referencedRelation: "flow_executions"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "flow_executions_workspace_id_fkey"
            columns: ["workspace_id"]
            isOneToOne: false
            referencedRelation: "workspaces"
            referencedColumns: ["id"]
          },
        ]
      }
      flow_node_counts: {
        Row: {
          flow_id: string
          n: number
          node_id: string
          shard: number
          status: string
          workspace_id: string
        }
        Insert: {
          flow_id: string
          n?: number
          node_id: string
          shard: number
          status: string
          workspace_id: string
        }
        Update: {
          flow_id?: string
          n?: number
          node_id?: string
          shard?: number
          status?: string
          workspace_id?: string
        }
        Relationships: []
      }
      flows: {
        Row: {
          created_at: string
          created_by: string | null
          definition: NonNullable<Json>
          description: string
          id: string
          name: string
          status: string
          updated_at: string
          workspace_id: string
        }
        Insert: {
          created_at?: string
          created_by?: string | null
          definition?: NonNullable<Json>
          description?: string
          id?: string
          name: string
          status?: string
          updated_at?: string
          workspace_id: string
        }
        Update: {
          created_at?: string
          created_by?: string | null
          definition?: NonNullable<Json>
          description?: string
          id?: string
          name?: string
          status?: string
          updated_at?: string
          workspace_id?: string
        }
        Relationships: [
          {
            foreignKeyName: "flows_workspace_id_fkey"
            columns: ["workspace_id"]
            isOneToOne: false
            referencedRelation: "workspaces"
            referencedColumns: ["id"]
          },
        ]
      }
      outbox_messages: {
        Row: {
          body: string
          channel: string
          created_at: string
          execution_id: string
          id: string
          idempotency_key: string
          node_id: string | null
          recipient: string
          subject: string | null
          workspace_id: string
        }
        Insert: {
          body?: string
          channel: string
          created_at?: string
          execution_id: string
          id?: string
          idempotency_key: string
          node_id?: string | null
          recipient: string
          subject?: string | null
          workspace_id: string
        }
        Update: {
          body?: string
          channel?: string
          created_at?: string
          execution_id?: string
          id?: string
          idempotency_key?: string
          node_id?: string | null
          recipient?: string
          subject?: string | null
          workspace_id?: string
        }
        Relationships: [
          {
            foreignKeyName: "outbox_messages_execution_id_fkey"
            columns: ["execution_id"]
            isOneToOne: false
            referencedRelation: "execution_enrollments"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "outbox_messages_execution_id_fkey"
            columns: ["execution_id"]
            isOneToOne: false
            referencedRelation: "flow_executions"
            referencedColumns: ["id"]
          },
        ]
      }
      workspace_members: {
        Row: {
          created_at: string
          role: string
          user_id: string
          workspace_id: string
        }
        Insert: {
          created_at?: string
          role?: string
          user_id: string
          workspace_id: string
        }
        Update: {
          created_at?: string
          role?: string
          user_id?: string
          workspace_id?: string
        }
        Relationships: [
          {
            foreignKeyName: "workspace_members_workspace_id_fkey"
            columns: ["workspace_id"]
            isOneToOne: false
            referencedRelation: "workspaces"
            referencedColumns: ["id"]
          },
        ]
      }
      workspaces: {
        Row: {
          created_at: string
          id: string
          name: string
        }
        Insert: {
          created_at?: string
          id: string
          name: string
        }
        Update: {
          created_at?: string
          id?: string
          name?: string
        }
        Relationships: []
      }
    }
    Views: {
      execution_enrollments: {
        Row: {
          attempt: number | null
          completed_at: string | null
          contact_email: string | null
          contact_id: string | null
          contact_name: string | null
          contact_snapshot: Json | null
          current_node_id: string | null
          current_node_type: string | null
          enrolled_at: string | null
          enrollment_reason: string | null
          enrollment_source: string | null
          error: string | null
          flow_id: string | null
          flow_name: string | null
          id: string | null
          is_test: boolean | null
          next_execution_at: string | null
          restarted_as: string | null
          retry_of: string | null
          started_at: string | null
          status: string | null
          trigger_run_id: string | null
          updated_at: string | null
          workspace_id: string | null
        }
        Relationships: [
          {
            foreignKeyName: "flow_executions_contact_id_fkey"
            columns: ["contact_id"]
            isOneToOne: false
            referencedRelation: "contacts"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "flow_executions_flow_id_fkey"
            columns: ["flow_id"]
            isOneToOne: false
            referencedRelation: "flows"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "flow_executions_retry_of_fkey"
            columns: ["retry_of"]
            isOneToOne: false
            referencedRelation: "execution_enrollments"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "flow_executions_retry_of_fkey"
            columns: ["retry_of"]
            isOneToOne: false
            referencedRelation: "flow_executions"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "flow_executions_workspace_id_fkey"
            columns: ["workspace_id"]
            isOneToOne: false
            referencedRelation: "workspaces"
            referencedColumns: ["id"]
          },
        ]
      }
      execution_logs: {
        Row: {
          attempt: number | null
          completed_at: string | null
          contact_email: string | null
          contact_id: string | null
          contact_name: string | null
          created_at: string | null
          duration_ms: number | null
          error: string | null
          executed_at: string | null
          execution_id: string | null
          flow_id: string | null
          flow_name: string | null
          id: string | null
          is_test: boolean | null
          node_id: string | null
          node_type: string | null
          result: Json | null
          status: string | null
          workspace_id: string | null
        }
        Relationships: [
          {
            foreignKeyName: "flow_execution_steps_contact_id_fkey"
            columns: ["contact_id"]
            isOneToOne: false
            referencedRelation: "contacts"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "flow_execution_steps_execution_id_fkey"
            columns: ["execution_id"]
            isOneToOne: false
            referencedRelation: "execution_enrollments"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "flow_execution_steps_execution_id_fkey"
            columns: ["execution_id"]
            isOneToOne: false
            referencedRelation: "flow_executions"
            referencedColumns: ["id"]
          },
        ]
      }
    }
    Functions: {
      execution_stats: {
        Args: { p_flow_id?: string; p_workspace_id?: string }
        Returns: Json
      }
      flow_node_stats: {
        Args: { p_flow_id: string }
        Returns: {
          cancelled: number
          failed: number
          node_id: string
          skipped: number
          success: number
          waiting: number
        }[]
      }
    }
    Enums: {
      [_ in never]: never
    }
    CompositeTypes: {
      [_ in never]: never
    }
  }
}

type DatabaseWithoutInternals = Omit<Database, "__InternalSupabase">

type DefaultSchema = DatabaseWithoutInternals[Extract<keyof Database, "public">]

export type Tables<
  DefaultSchemaTableNameOrOptions extends
    | keyof (DefaultSchema["Tables"] & DefaultSchema["Views"])
    | { schema: keyof DatabaseWithoutInternals },
  TableName extends (DefaultSchemaTableNameOrOptions extends {
    schema: keyof DatabaseWithoutInternals
  }
    ? keyof (DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Tables"] &
        DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Views"])
    : never) = never,
> = DefaultSchemaTableNameOrOptions extends {
  schema: keyof DatabaseWithoutInternals
}
  ? (DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Tables"] &
      DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Views"])[TableName] extends {
      Row: infer R
    }
    ? R
    : never
  : DefaultSchemaTableNameOrOptions extends keyof (DefaultSchema["Tables"] &
        DefaultSchema["Views"])
    ? (DefaultSchema["Tables"] &
        DefaultSchema["Views"])[DefaultSchemaTableNameOrOptions] extends {
        Row: infer R
      }
      ? R
      : never
    : never

export type TablesInsert<
  DefaultSchemaTableNameOrOptions extends
    | keyof DefaultSchema["Tables"]
    | { schema: keyof DatabaseWithoutInternals },
  TableName extends (DefaultSchemaTableNameOrOptions extends {
    schema: keyof DatabaseWithoutInternals
  }
    ? keyof DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Tables"]
    : never) = never,
> = DefaultSchemaTableNameOrOptions extends {
  schema: keyof DatabaseWithoutInternals
}
  ? DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Tables"][TableName] extends {
      Insert: infer I
    }
    ? I
    : never
  : DefaultSchemaTableNameOrOptions extends keyof DefaultSchema["Tables"]
    ? DefaultSchema["Tables"][DefaultSchemaTableNameOrOptions] extends {
        Insert: infer I
      }
      ? I
      : never
    : never

export type TablesUpdate<
  DefaultSchemaTableNameOrOptions extends
    | keyof DefaultSchema["Tables"]
    | { schema: keyof DatabaseWithoutInternals },
  TableName extends (DefaultSchemaTableNameOrOptions extends {
    schema: keyof DatabaseWithoutInternals
  }
    ? keyof DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Tables"]
    : never) = never,
> = DefaultSchemaTableNameOrOptions extends {
  schema: keyof DatabaseWithoutInternals
}
  ? DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Tables"][TableName] extends {
      Update: infer U
    }
    ? U
    : never
  : DefaultSchemaTableNameOrOptions extends keyof DefaultSchema["Tables"]
    ? DefaultSchema["Tables"][DefaultSchemaTableNameOrOptions] extends {
        Update: infer U
      }
      ? U
      : never
    : never

export type Enums<
  DefaultSchemaEnumNameOrOptions extends
    | keyof DefaultSchema["Enums"]
    | { schema: keyof DatabaseWithoutInternals },
  EnumName extends (DefaultSchemaEnumNameOrOptions extends {
    schema: keyof DatabaseWithoutInternals
  }
    ? keyof DatabaseWithoutInternals[DefaultSchemaEnumNameOrOptions["schema"]]["Enums"]
    : never) = never,
> = DefaultSchemaEnumNameOrOptions extends {
  schema: keyof DatabaseWithoutInternals
}
  ? DatabaseWithoutInternals[DefaultSchemaEnumNameOrOptions["schema"]]["Enums"][EnumName]
  : DefaultSchemaEnumNameOrOptions extends keyof DefaultSchema["Enums"]
    ? DefaultSchema["Enums"][DefaultSchemaEnumNameOrOptions]
    : never

export type CompositeTypes<
  PublicCompositeTypeNameOrOptions extends
    | keyof DefaultSchema["CompositeTypes"]
    | { schema: keyof DatabaseWithoutInternals },
  CompositeTypeName extends (PublicCompositeTypeNameOrOptions extends {
    schema: keyof DatabaseWithoutInternals
  }
    ? keyof DatabaseWithoutInternals[PublicCompositeTypeNameOrOptions["schema"]]["CompositeTypes"]
    : never) = never,
> = PublicCompositeTypeNameOrOptions extends {
  schema: keyof DatabaseWithoutInternals
}
  ? DatabaseWithoutInternals[PublicCompositeTypeNameOrOptions["schema"]]["CompositeTypes"][CompositeTypeName]
  : PublicCompositeTypeNameOrOptions extends keyof DefaultSchema["CompositeTypes"]
    ? DefaultSchema["CompositeTypes"][PublicCompositeTypeNameOrOptions]
    : never

export const Constants = {
  public: {
    Enums: {},
  },
} as const

