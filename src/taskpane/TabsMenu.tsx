/** The overflow menu of the pane's tabs (a chunk of its own: Fluent's Menu and its positioning code). */
import type { RefObject } from "react";
import { Menu, MenuItem, MenuList, MenuPopover, useIsOverflowItemVisible } from "@fluentui/react-components";

export interface TabsMenuPopoverProps {
  tabs: { id: string; label: string }[];
  open: boolean;
  target: RefObject<HTMLButtonElement | null>;
  onOpenChange: (open: boolean) => void;
  onSelect: (id: string) => void;
}

export function TabsMenuPopover({ tabs, open, target, onOpenChange, onSelect }: TabsMenuPopoverProps) {
  return (
    <Menu open={open} onOpenChange={(_, d) => onOpenChange(d.open)} positioning={{ target: target.current, position: "below", align: "end" }}>
      <MenuPopover>
        <MenuList>
          {tabs.map((x) => (
            <TabsMenuItem key={x.id} id={x.id} label={x.label} onSelect={onSelect} />
          ))}
        </MenuList>
      </MenuPopover>
    </Menu>
  );
}

function TabsMenuItem({ id, label, onSelect }: { id: string; label: string; onSelect: (id: string) => void }) {
  const visible = useIsOverflowItemVisible(id);
  if (visible) return null;
  return (
    <MenuItem onClick={() => onSelect(id)} data-testid={`tab-menu-${id}`}>
      {label}
    </MenuItem>
  );
}
