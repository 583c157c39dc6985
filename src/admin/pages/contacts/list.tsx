import { List } from "@refinedev/antd";
import { ContactsTable } from "../../components/contacts-table.tsx";

export function ContactList() {
  return (
    <List>
      <ContactsTable />
    </List>
  );
}
