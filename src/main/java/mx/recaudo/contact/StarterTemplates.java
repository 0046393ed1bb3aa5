package mx.recaudo.contact;

import java.util.List;

/**
 * The templates an organization starts with (the demo installs them), in Spanish (es, the default)
 * and English (en): one per channel of the default ladder, named as its steps name them
 * (recordatorio-previo SMS, aviso-vencimiento WhatsApp, aviso-atraso email, mensaje-blaster voice,
 * carta-requerimiento letter). Each identifies who collects ({{company}}, and outside SMS on whose
 * behalf and how to reach them: {{creditor}}, {{companyContact}}); the texted channels carry the
 * opt-out line; the letter is a first contact with every MX-02 disclosure; all pass the linter
 * under the built-in profiles. Wording advises, never threatens (seed 004: no "deuda"/"deudor").
 */
public final class StarterTemplates {
    private StarterTemplates() {}

    public static List<ContactTemplates.Draft> all() {
        return List.of(
                // SMS: short and GSM-7 (no á, í, ó, ú) so that it travels in one message
                draft("recordatorio-previo", Channel.SMS, "es", false, null,
                        "{{company}}: su pago de {{amountDue}} vence el {{dueDate}}. Pague en "
                        + "{{paymentLink}} Ref {{reference}}. Responda BAJA para no recibir SMS."),
                draft("recordatorio-previo", Channel.SMS, "en", false, null,
                        "{{company}}: your payment of {{amountDue}} is due on {{dueDate}}. Pay at "
                        + "{{paymentLink}} Ref {{reference}}. Reply STOP to opt out."),
                draft("aviso-vencimiento", Channel.WHATSAPP, "es", false, null, """
                        Hola {{firstName}}, le escribe {{company}} por cuenta de {{creditor}}.
                        Su pago de {{amountDue}} (referencia {{reference}}) venció el {{dueDate}}. Puede pagarlo aquí: {{paymentLink}}

                        Si ya pagó, le agradecemos y puede ignorar este mensaje. Si necesita un plan de pagos, responda a este chat.
                        {{companyContact}}
                        Responda BAJA para no recibir más mensajes por este medio."""),
                draft("aviso-vencimiento", Channel.WHATSAPP, "en", false, null, """
                        Hello {{firstName}}, this is {{company}} writing on behalf of {{creditor}}.
                        Your payment of {{amountDue}} (reference {{reference}}) was due on {{dueDate}}. You can pay here: {{paymentLink}}

                        If you have already paid, thank you, and please ignore this message. If you need a payment plan, reply to this chat.
                        {{companyContact}}
                        Reply STOP to stop receiving messages here."""),
                draft("aviso-atraso", Channel.EMAIL, "es", false, "Su pago de {{amountDue}} está pendiente · {{company}}", """
                        Hola {{firstName}}:

                        Le escribe {{company}} por cuenta de {{creditor}}. Su pago de {{amountDue}} del contrato {{contract}}, con vencimiento el {{dueDate}}, sigue pendiente.

                        Puede pagar en línea en {{paymentLink}} con la referencia {{reference}}. Si se le dificulta pagar el total, responda a este correo y le proponemos un plan de pagos.

                        Si ya pagó, le agradecemos y le pedimos ignorar este mensaje.

                        Atentamente,
                        {{agent}} · {{company}}
                        {{companyContact}}

                        Para no recibir más correos de cobranza, responda con la palabra BAJA."""),
                draft("aviso-atraso", Channel.EMAIL, "en", false, "Your payment of {{amountDue}} is pending · {{company}}", """
                        Hello {{firstName}},

                        This is {{company}} writing on behalf of {{creditor}}. Your payment of {{amountDue}} for contract {{contract}}, due on {{dueDate}}, is still pending.

                        You can pay online at {{paymentLink}} with reference {{reference}}. If paying the full amount is hard for you, reply to this email and we will offer you a payment plan.

                        If you have already paid, thank you, and please ignore this message.

                        Kind regards,
                        {{agent}} · {{company}}
                        {{companyContact}}

                        To stop receiving collection emails, reply with the word STOP."""),
                // voice: read aloud (amounts and dates are made speakable); the keypad menu follows by itself
                draft("mensaje-blaster", Channel.VOICE, "es", false, null,
                        "Hola {{firstName}}, le llamamos de {{company}} por cuenta de {{creditor}}. Su pago de {{amountDue}}, "
                        + "con vencimiento el {{dueDate}}, referencia {{reference}}, está pendiente. Puede pagarlo en línea o "
                        + "acordar un plan de pagos con un asesor. Nuestros datos de contacto: {{companyContact}}."),
                draft("mensaje-blaster", Channel.VOICE, "en", false, null,
                        "Hello {{firstName}}, this is {{company}} calling on behalf of {{creditor}}. Your payment of {{amountDue}}, "
                        + "due on {{dueDate}}, reference {{reference}}, is pending. You can pay online or agree a payment plan "
                        + "with an advisor. Our contact details: {{companyContact}}."),
                draft("carta-requerimiento", Channel.LETTER, "es", true, "Saldo pendiente del contrato {{contract}}", """
                        Estimado(a) {{fullName}}:

                        Le escribe {{company}}, por cuenta de {{creditor}}, acerca de su contrato {{contract}}. Al {{asOfDate}} su cuenta registra un saldo pendiente de {{amountDue}}, con vencimiento el {{dueDate}}.

                        Queremos ayudarle a ponerse al corriente. {{settleConditions}}. Si ya realizó su pago, le agradecemos y le pedimos no tomar en cuenta esta carta.

                        {{paymentsOnlyToCreditor}} Use la referencia de pago que aparece abajo.

                        Para cualquier aclaración le atiende {{agent}}: {{companyContact}}.

                        Si desea presentar una queja, puede acudir a la {{complaintsUnit}}."""),
                draft("carta-requerimiento", Channel.LETTER, "en", true, "Pending balance on contract {{contract}}", """
                        Dear {{fullName}},

                        This is {{company}}, writing on behalf of {{creditor}} about your contract {{contract}}. As of {{asOfDate}} your account shows a pending balance of {{amountDue}}, due on {{dueDate}}.

                        We want to help you get up to date. {{settleConditions}}. If you have already paid, thank you, and please disregard this letter.

                        {{paymentsOnlyToCreditor}} Use the payment reference shown below.

                        For any question, {{agent}} will help you: {{companyContact}}.

                        If you wish to file a complaint, you can contact the {{complaintsUnit}}."""));
    }

    private static ContactTemplates.Draft draft(String name, Channel channel, String language, boolean firstContact,
                                                String subject, String body) {
        return new ContactTemplates.Draft(name, channel, language, "FRIENDLY", firstContact, subject, body);
    }
}
