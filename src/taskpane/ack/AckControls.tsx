/** Marking a finding 確認済み (with a reason and a name), the acknowledged list, and the lapsed note. */
import { useState } from "react";
import {
  Accordion,
  AccordionHeader,
  AccordionItem,
  AccordionPanel,
  Button,
  Field,
  Input,
  makeStyles,
  Text,
  Textarea,
  tokens,
} from "@fluentui/react-components";
import type { Finding } from "../../engine/model/findings";
import { MAX_REASON, type AckInfo } from "../../engine/ack";
import { useT } from "../i18n";
import { ackDate, rememberedName, rememberName } from "./acks";

const useStyles = makeStyles({
  form: { flexBasis: "100%", display: "flex", flexDirection: "column", gap: "6px", minWidth: 0, padding: "4px 0" },
  buttons: { display: "flex", flexWrap: "wrap", gap: "6px", justifyContent: "flex-end" },
  list: { listStyleType: "none", margin: 0, padding: 0, display: "flex", flexDirection: "column", gap: "6px" },
  item: { display: "flex", flexDirection: "column", gap: "2px", borderLeft: `3px solid ${tokens.colorNeutralStroke2}`, paddingLeft: "6px", overflowWrap: "anywhere", minWidth: 0 },
  cell: { fontWeight: tokens.fontWeightSemibold, marginRight: "6px", fontFamily: tokens.fontFamilyMonospace },
  reason: { color: tokens.colorNeutralForeground2, fontSize: tokens.fontSizeBase200 },
  lapsed: { display: "block", color: tokens.colorPaletteDarkOrangeForeground1, fontSize: tokens.fontSizeBase200 },
  header: { overflowWrap: "anywhere" },
});

/** The 確認済みにする button of a finding, opening a small form under it. */
export function AckButton({ finding, disabled, onSave }: { finding: Finding; disabled: boolean; onSave: (reason: string, by: string) => Promise<void> }) {
  const t = useT();
  const styles = useStyles();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState("");
  const [by, setBy] = useState(rememberedName);
  if (!open) {
    return (
      <Button size="small" appearance="subtle" disabled={disabled} onClick={() => setOpen(true)} aria-label={t("pane.ack.markLabel", { cell: finding.cell })} data-testid="ack-open">
        {t("pane.ack.mark")}
      </Button>
    );
  }
  const save = async () => {
    rememberName(by.trim());
    await onSave(reason.trim(), by.trim());
    setOpen(false);
    setReason("");
  };
  return (
    <div className={styles.form} data-testid="ack-form">
      <Field label={t("pane.ack.reason")} hint={t("pane.ack.reasonCount", { length: reason.length, max: MAX_REASON })}>
        <Textarea
          value={reason}
          maxLength={MAX_REASON}
          placeholder={t("pane.ack.reasonPlaceholder")}
          onChange={(_, d) => setReason(d.value.slice(0, MAX_REASON))}
          resize="vertical"
          data-testid="ack-reason"
        />
      </Field>
      <Field label={t("pane.ack.by")}>
        <Input value={by} maxLength={100} onChange={(_, d) => setBy(d.value)} data-testid="ack-by" />
      </Field>
      <div className={styles.buttons}>
        <Button size="small" onClick={() => setOpen(false)}>
          {t("pane.ack.cancel")}
        </Button>
        <Button size="small" appearance="primary" disabled={disabled || reason.trim() === ""} onClick={() => void save()} data-testid="ack-save">
          {t("pane.ack.save")}
        </Button>
      </div>
    </div>
  );
}

/** Under a finding whose acknowledgement lapsed: it had been acknowledged, and why. */
export function LapsedNote({ ack }: { ack: AckInfo }) {
  const t = useT();
  const styles = useStyles();
  return (
    <span className={styles.lapsed} data-testid="ack-lapsed">
      {t("pane.ack.lapsed", { reason: ack.reason, by: ack.by || "－" })}
    </span>
  );
}

/** The acknowledged findings, listed apart and folded, each with its reason and a button to remove the mark. */
export function AcknowledgedList({
  items,
  disabled,
  onRemove,
  onSelect,
}: {
  items: { finding: Finding; ack: AckInfo }[];
  disabled: boolean;
  onRemove: (f: Finding) => void;
  onSelect: (f: Finding) => void;
}) {
  const t = useT();
  const styles = useStyles();
  if (items.length === 0) return null;
  return (
    <Accordion collapsible data-testid="acknowledged">
      <AccordionItem value="ack">
        <AccordionHeader size="small" className={styles.header}>
          {t("pane.ack.listTitle", { count: items.length })}
        </AccordionHeader>
        <AccordionPanel>
          <ul className={styles.list}>
            {items.map(({ finding: f, ack }, i) => (
              <li key={`${f.sheet}!${f.cell}-${f.rule}-${i}`} className={styles.item} data-testid="acknowledged-finding" data-cell={f.cell} data-sheet={f.sheet} data-rule={f.rule}>
                <Text>
                  <Button size="small" appearance="transparent" onClick={() => onSelect(f)} title={t("pane.check.select", { sheet: f.sheet, cell: f.cell })}>
                    <span className={styles.cell}>{f.cell}</span>
                  </Button>
                  {f.message}
                </Text>
                <Text className={styles.reason} data-testid="acknowledged-reason">
                  {t("pane.ack.reasonLine", { reason: ack.reason, by: ack.by || "－", at: ackDate(ack.at) })}
                </Text>
                <span>
                  <Button size="small" disabled={disabled} onClick={() => onRemove(f)} aria-label={t("pane.ack.removeLabel", { cell: f.cell })} data-testid="ack-remove">
                    {t("pane.ack.remove")}
                  </Button>
                </span>
              </li>
            ))}
          </ul>
        </AccordionPanel>
      </AccordionItem>
    </Accordion>
  );
}
