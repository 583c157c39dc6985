import {
  CheckCircleOutlined,
  ClockCircleOutlined,
  CloseCircleOutlined,
  MinusCircleOutlined,
  StopOutlined,
} from "@ant-design/icons";
import {
  Background,
  Controls,
  type Edge,
  Handle,
  MarkerType,
  type Node,
  type NodeProps,
  Position,
  ReactFlow,
} from "@xyflow/react";
import "@xyflow/react/dist/style.css";
import { type GlobalToken, Space, Tag, Typography, theme } from "antd";
import { type ReactNode, useMemo } from "react";
import { actionLabel } from "../../domain/node-types.ts";
import { STEP_STATUSES, type StepStatus } from "../../domain/statuses.ts";
import type { DiagramDefinition } from "../diagram/definition.ts";
import type { ExecutionPath } from "../diagram/execution-path.ts";
import { layoutFlow, NODE_HEIGHT, NODE_WIDTH } from "../diagram/layout.ts";
import {
  NO_NODE_COUNTS,
  NODE_COUNT_KINDS,
  NODE_COUNT_LABELS,
  NODE_COUNT_MEANINGS,
  type NodeCountKind,
  type NodeCounts,
} from "../diagram/node-counts.ts";
import { executionColor, StepStatusTag, stepColor } from "./status-tags.tsx";

export interface FlowDiagramProps {
  definition: DiagramDefinition;
  /** The flow's overview: outcomes per node id. */
  counts?: Record<string, NodeCounts>;
  /** One execution's page: the path it took, everything else dimmed. */
  path?: ExecutionPath;
}

interface StepNodeData extends Record<string, unknown> {
  nodeId: string;
  label: string;
  counts?: NodeCounts;
  status?: string;
  dimmed: boolean;
}
type StepNode = Node<StepNodeData, "step">;

const COUNT_ICONS: Record<NodeCountKind, ReactNode> = {
  success: <CheckCircleOutlined />,
  failed: <CloseCircleOutlined />,
  skipped: <MinusCircleOutlined />,
  cancelled: <StopOutlined />,
  waiting: <ClockCircleOutlined />,
};

/** A count's color: its step status's, a cancel's as on executions, waiting as running. */
function countColor(kind: NodeCountKind): string {
  switch (kind) {
    case "success":
    case "failed":
    case "skipped":
      return stepColor(kind);
    case "cancelled":
      return executionColor(kind);
    case "waiting":
      return stepColor("running");
    default: {
      const unknown: never = kind;
      return unknown;
    }
  }
}

const isStepStatus = (value: string | undefined): value is StepStatus =>
  (STEP_STATUSES as readonly string[]).includes(value ?? "");

/** The theme color behind each antd Tag preset the status tags use. */
function presetColor(preset: string, token: GlobalToken): string {
  switch (preset) {
    case "success":
      return token.colorSuccess;
    case "error":
      return token.colorError;
    case "processing":
      return token.colorPrimary;
    case "warning":
      return token.colorWarning;
    default:
      return token.colorTextQuaternary;
  }
}

function CountTags({ counts }: { counts: NodeCounts }) {
  const shown = NODE_COUNT_KINDS.filter((kind) => counts[kind] > 0);
  if (!shown.length) return <Typography.Text type="secondary">No executions yet</Typography.Text>;
  return (
    <Space size={0} wrap>
      {shown.map((kind) => (
        <Tag
          key={kind}
          color={countColor(kind)}
          icon={COUNT_ICONS[kind]}
          title={`${NODE_COUNT_LABELS[kind]}: ${counts[kind].toLocaleString()}. ${NODE_COUNT_MEANINGS[kind]}`}
          data-count={kind}
        >
          {counts[kind].toLocaleString()}
        </Tag>
      ))}
    </Space>
  );
}

function StepNodeView({ data }: NodeProps<StepNode>) {
  const { token } = theme.useToken();
  const accent = isStepStatus(data.status) ? presetColor(stepColor(data.status), token) : token.colorBorder;
  const handle = { opacity: 0, pointerEvents: "none" } as const;
  return (
    <div
      data-node-id={data.nodeId}
      data-status={data.status ?? "none"}
      style={{
        width: NODE_WIDTH,
        minHeight: NODE_HEIGHT,
        boxSizing: "border-box",
        padding: "8px 12px",
        background: token.colorBgContainer,
        border: `1px solid ${accent}`,
        borderLeft: `4px solid ${accent}`,
        borderRadius: token.borderRadiusLG,
        boxShadow: data.dimmed ? "none" : token.boxShadowTertiary,
        opacity: data.dimmed ? 0.4 : 1,
      }}
    >
      <Handle type="target" position={Position.Top} isConnectable={false} style={handle} />
      <Space size={4} style={{ width: "100%", justifyContent: "space-between" }}>
        <Typography.Text strong>{data.label}</Typography.Text>
        {data.status ? <StepStatusTag status={data.status} /> : null}
      </Space>
      <Typography.Text type="secondary" ellipsis style={{ display: "block", fontSize: token.fontSizeSM }}>
        {data.nodeId}
      </Typography.Text>
      {data.counts ? <CountTags counts={data.counts} /> : null}
      <Handle type="source" position={Position.Bottom} isConnectable={false} style={handle} />
    </div>
  );
}

const NODE_TYPES = { step: StepNodeView };

/**
 * A flow definition as a read-only, top-down diagram that fits its box. Loaded on its own
 * (flow-diagram-lazy.tsx): @xyflow/react stays out of the pages' initial chunks.
 */
export default function FlowDiagram({ definition, counts, path }: FlowDiagramProps) {
  const { token } = theme.useToken();
  const placed = useMemo(() => layoutFlow(definition), [definition]);

  const nodes = useMemo<StepNode[]>(() => {
    const byId = new Map(definition.nodes.map((n) => [n.id, n]));
    return placed.map((p) => {
      const status = path?.nodeStatus.get(p.id);
      return {
        id: p.id,
        type: "step",
        position: { x: p.x, y: p.y },
        initialWidth: NODE_WIDTH,
        initialHeight: NODE_HEIGHT,
        data: {
          nodeId: p.id,
          label: actionLabel(byId.get(p.id)?.type ?? "unknown"),
          counts: counts ? (counts[p.id] ?? NO_NODE_COUNTS) : undefined,
          status,
          dimmed: path !== undefined && status === undefined,
        },
      };
    });
  }, [definition, placed, counts, path]);

  const edges = useMemo<Edge[]>(
    () =>
      definition.edges.map((e) => {
        const taken = path?.takenEdges.has(e.id) ?? false;
        const stroke = taken ? token.colorPrimary : token.colorTextQuaternary;
        return {
          id: e.id,
          source: e.source,
          target: e.target,
          type: "smoothstep",
          label: e.branch,
          animated: taken && path?.nodeStatus.get(e.target) === "running",
          markerEnd: { type: MarkerType.ArrowClosed, color: stroke },
          style: { stroke, strokeWidth: taken ? 2.5 : 1.5, opacity: path && !taken ? 0.35 : 1 },
          labelStyle: { fill: token.colorTextSecondary, fontSize: token.fontSizeSM },
          labelBgStyle: { fill: token.colorBgContainer },
        };
      }),
    [definition, path, token],
  );

  const layers = Math.max(1, ...placed.map((p) => p.layer + 1));
  return (
    <div
      data-testid="flow-diagram"
      style={{
        height: Math.min(640, Math.max(260, layers * (NODE_HEIGHT + 56) + 40)),
        border: `1px solid ${token.colorBorderSecondary}`,
        borderRadius: token.borderRadiusLG,
        background: token.colorBgLayout,
      }}
    >
      <ReactFlow
        nodes={nodes}
        edges={edges}
        nodeTypes={NODE_TYPES}
        fitView
        fitViewOptions={{ padding: 0.12 }}
        minZoom={0.2}
        maxZoom={1.25}
        nodesDraggable={false}
        nodesConnectable={false}
        nodesFocusable={false}
        edgesFocusable={false}
        elementsSelectable={false}
        zoomOnScroll={false}
        preventScrolling={false}
      >
        <Background color={token.colorBorder} gap={20} />
        <Controls showInteractive={false} />
      </ReactFlow>
    </div>
  );
}
