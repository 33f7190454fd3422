// A tag of an account, attached to contacts by value: {key: "customer", value: "VIP"}.
export interface Tag {
  id: number;
  accountId: number;
  key: string;
  value: string;
  createdAt: Date;
}
export const TAG_KEYS = ['customer'] as const;
