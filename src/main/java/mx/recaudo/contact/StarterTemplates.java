package mx.recaudo.contact;

import java.util.List;

/**
 * The templates an organization starts with (the demo installs them), in Spanish (es, the default)
 * and English (en): one per channel of the default ladder, named as its steps name them
 * (recordatorio-previo SMS, aviso-vencimiento WhatsApp, aviso-atraso email, mensaje-blaster voice,
 * carta-requerimiento letter), and one for each channel the ladder's fallback order (WhatsApp, SMS,
 * email) can put a step on, the agent calls' guion-cobranza and guion-liquidacion included. Each identifies who collects ({{company}}, and outside SMS on whose
 * behalf and how to reach them: {{creditor}}, {{companyContact}}); the texted channels carry the
 * opt-out line; the letter is a first contact with every MX-02 disclosure; all pass the linter
 * under the built-in profiles. Wording advises, never threatens (seed 004: no "deuda"/"deudor").
 */
public final class StarterTemplates {
    private StarterTemplates() {}

    public static List<ContactTemplates.Draft> all() {
        List<ContactTemplates.Draft> all = new java.util.ArrayList<>(ladderChannels());
        all.addAll(fallbacks());
        return List.copyOf(all);
    }

    /** One per step of the default ladder on the step's own channel. */
    static List<ContactTemplates.Draft> ladderChannels() {
        return List.of(
                // SMS: short and GSM-7 (no á, í, ó, ú) so that it travels in one message
                draft("recordatorio-previo", Channel.SMS, "es", false, null,
                        "{{company}}: su pago de {{amountDue}} vence el {{dueDate}}. Pague en "
                        + "{{paymentLink}} Responda BAJA para no recibir SMS."),
                draft("recordatorio-previo", Channel.SMS, "en", false, null,
                        "{{company}}: your payment of {{amountDue}} is due on {{dueDate}}. Pay at "
                        + "{{paymentLink}} Reply STOP to opt out."),
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

    private static ContactTemplates.Draft firm(String name, Channel channel, String language, String subject, String body) {
        return new ContactTemplates.Draft(name, channel, language, "FIRM", false, subject, body);
    }

    /**
     * The same steps on the channels the default ladder falls back to (WhatsApp, SMS, email) when the
     * customer cannot be reached on the step's own channel: the step keeps its template name, so each
     * needs its text on each fallback channel. Worded for the stage: a reminder before the due date,
     * a notice just after it, a pending payment, an advisor's offer of a plan, a formal request, and
     * (firm tone) an offer to settle.
     */
    static List<ContactTemplates.Draft> fallbacks() {
        return List.of(
                // recordatorio-previo (before the due date): SMS falls back to email
                draft("recordatorio-previo", Channel.EMAIL, "es", false, "Recordatorio: su pago de {{amountDue}} vence el {{dueDate}} · {{company}}", """
                        Hola {{firstName}}:

                        Le escribe {{company}} por cuenta de {{creditor}} para recordarle que su pago de {{amountDue}} del contrato {{contract}} vence el {{dueDate}}.

                        Puede pagar en línea en {{paymentLink}} con la referencia {{reference}}. Si ya lo programó, le agradecemos y puede ignorar este mensaje.

                        Atentamente,
                        {{company}}
                        {{companyContact}}

                        Para no recibir más correos de cobranza, responda con la palabra BAJA."""),
                draft("recordatorio-previo", Channel.EMAIL, "en", false, "Reminder: your payment of {{amountDue}} is due on {{dueDate}} · {{company}}", """
                        Hello {{firstName}},

                        This is {{company}} writing on behalf of {{creditor}} to remind you that your payment of {{amountDue}} for contract {{contract}} is due on {{dueDate}}.

                        You can pay online at {{paymentLink}} with reference {{reference}}. If you have already scheduled it, thank you, and please ignore this message.

                        Kind regards,
                        {{company}}
                        {{companyContact}}

                        To stop receiving collection emails, reply with the word STOP."""),
                // aviso-vencimiento (just past the due date): WhatsApp falls back to SMS, then email
                draft("aviso-vencimiento", Channel.SMS, "es", false, null,
                        "{{company}}: su pago de {{amountDue}} sigue pendiente. Pague en {{paymentLink}} "
                        + "Responda BAJA para no recibir SMS."),
                draft("aviso-vencimiento", Channel.SMS, "en", false, null,
                        "{{company}}: your payment of {{amountDue}} due {{dueDate}} is past due. Pay at {{paymentLink}} "
                        + "Reply STOP to opt out."),
                draft("aviso-vencimiento", Channel.EMAIL, "es", false, "Su pago de {{amountDue}} venció el {{dueDate}} · {{company}}", """
                        Hola {{firstName}}:

                        Le escribe {{company}} por cuenta de {{creditor}}. Su pago de {{amountDue}} del contrato {{contract}} venció el {{dueDate}} y aún no lo vemos registrado.

                        Puede pagarlo en línea en {{paymentLink}} con la referencia {{reference}}. Si necesita un plan de pagos, responda a este correo.

                        Si ya pagó, le agradecemos y le pedimos ignorar este mensaje.

                        Atentamente,
                        {{company}}
                        {{companyContact}}

                        Para no recibir más correos de cobranza, responda con la palabra BAJA."""),
                draft("aviso-vencimiento", Channel.EMAIL, "en", false, "Your payment of {{amountDue}} was due on {{dueDate}} · {{company}}", """
                        Hello {{firstName}},

                        This is {{company}} writing on behalf of {{creditor}}. Your payment of {{amountDue}} for contract {{contract}} was due on {{dueDate}} and we have not received it yet.

                        You can pay online at {{paymentLink}} with reference {{reference}}. If you need a payment plan, reply to this email.

                        If you have already paid, thank you, and please ignore this message.

                        Kind regards,
                        {{company}}
                        {{companyContact}}

                        To stop receiving collection emails, reply with the word STOP."""),
                // mensaje-blaster (a few weeks overdue): the voice message falls back to WhatsApp, SMS, email
                draft("mensaje-blaster", Channel.WHATSAPP, "es", false, null, """
                        Hola {{firstName}}, le escribe {{company}} por cuenta de {{creditor}}.
                        Su pago de {{amountDue}} (referencia {{reference}}), con vencimiento el {{dueDate}}, sigue pendiente. Puede pagarlo aquí: {{paymentLink}}

                        Si se le dificulta pagar el total, responda ASESOR y le ofrecemos un plan de pagos. Si ya pagó, le agradecemos.
                        {{companyContact}}
                        Responda BAJA para no recibir más mensajes por este medio."""),
                draft("mensaje-blaster", Channel.WHATSAPP, "en", false, null, """
                        Hello {{firstName}}, this is {{company}} writing on behalf of {{creditor}}.
                        Your payment of {{amountDue}} (reference {{reference}}), due on {{dueDate}}, is still pending. You can pay here: {{paymentLink}}

                        If paying the full amount is hard for you, reply AGENT and we will offer you a payment plan. If you have already paid, thank you.
                        {{companyContact}}
                        Reply STOP to stop receiving messages here."""),
                draft("mensaje-blaster", Channel.SMS, "es", false, null,
                        "{{company}}: su pago de {{amountDue}} sigue pendiente, ref {{reference}}. Responda ASESOR para "
                        + "un plan de pagos o BAJA para no recibir SMS."),
                draft("mensaje-blaster", Channel.SMS, "en", false, null,
                        "{{company}}: your payment of {{amountDue}} is still pending, ref {{reference}}. Reply AGENT for "
                        + "a payment plan or STOP to opt out."),
                draft("mensaje-blaster", Channel.EMAIL, "es", false, "Su pago de {{amountDue}} sigue pendiente · {{company}}", """
                        Hola {{firstName}}:

                        Le escribe {{company}} por cuenta de {{creditor}}. Su pago de {{amountDue}} del contrato {{contract}}, con vencimiento el {{dueDate}}, sigue pendiente.

                        Puede pagar en línea en {{paymentLink}} con la referencia {{reference}}. Si se le dificulta pagar el total, responda a este correo y un asesor le propone un plan de pagos a su medida.

                        Si ya pagó, le agradecemos y le pedimos ignorar este mensaje.

                        Atentamente,
                        {{company}}
                        {{companyContact}}

                        Para no recibir más correos de cobranza, responda con la palabra BAJA."""),
                draft("mensaje-blaster", Channel.EMAIL, "en", false, "Your payment of {{amountDue}} is still pending · {{company}}", """
                        Hello {{firstName}},

                        This is {{company}} writing on behalf of {{creditor}}. Your payment of {{amountDue}} for contract {{contract}}, due on {{dueDate}}, is still pending.

                        You can pay online at {{paymentLink}} with reference {{reference}}. If paying the full amount is hard for you, reply to this email and an advisor will propose a payment plan that suits you.

                        If you have already paid, thank you, and please ignore this message.

                        Kind regards,
                        {{company}}
                        {{companyContact}}

                        To stop receiving collection emails, reply with the word STOP."""),
                // guion-cobranza (an advisor's call, over a month overdue): when there is no phone to call
                draft("guion-cobranza", Channel.WHATSAPP, "es", false, null, """
                        Hola {{firstName}}, le escribe {{company}} por cuenta de {{creditor}}.
                        Queremos hablar con usted sobre su pago pendiente de {{amountDue}} (referencia {{reference}}), vencido desde el {{dueDate}}. Un asesor puede ayudarle a acordar un plan de pagos: responda ASESOR y le atendemos por este chat.

                        También puede pagar aquí: {{paymentLink}}
                        {{companyContact}}
                        Responda BAJA para no recibir más mensajes por este medio."""),
                draft("guion-cobranza", Channel.WHATSAPP, "en", false, null, """
                        Hello {{firstName}}, this is {{company}} writing on behalf of {{creditor}}.
                        We would like to talk with you about your pending payment of {{amountDue}} (reference {{reference}}), due since {{dueDate}}. An advisor can help you agree a payment plan: reply AGENT and we will help you in this chat.

                        You can also pay here: {{paymentLink}}
                        {{companyContact}}
                        Reply STOP to stop receiving messages here."""),
                draft("guion-cobranza", Channel.SMS, "es", false, null,
                        "{{company}}: queremos ayudarle con su pago pendiente de {{amountDue}}. Responda ASESOR para acordar "
                        + "un plan o BAJA para no recibir SMS."),
                draft("guion-cobranza", Channel.SMS, "en", false, null,
                        "{{company}}: we want to help with your pending payment of {{amountDue}}. Reply AGENT to agree a plan "
                        + "or STOP to opt out."),
                draft("guion-cobranza", Channel.EMAIL, "es", false, "Hablemos de su pago pendiente de {{amountDue}} · {{company}}", """
                        Hola {{firstName}}:

                        Le escribe {{company}} por cuenta de {{creditor}}. Intentamos comunicarnos con usted acerca de su pago de {{amountDue}} del contrato {{contract}}, pendiente desde el {{dueDate}}.

                        Un asesor puede ayudarle a acordar un plan de pagos que se ajuste a su situación: responda a este correo con un teléfono y un horario en que podamos llamarle, o escríbanos por los medios de abajo. También puede pagar en línea en {{paymentLink}} con la referencia {{reference}}.

                        Si ya pagó, le agradecemos y le pedimos ignorar este mensaje.

                        Atentamente,
                        {{company}}
                        {{companyContact}}

                        Para no recibir más correos de cobranza, responda con la palabra BAJA."""),
                draft("guion-cobranza", Channel.EMAIL, "en", false, "Let us talk about your pending payment of {{amountDue}} · {{company}}", """
                        Hello {{firstName}},

                        This is {{company}} writing on behalf of {{creditor}}. We tried to reach you about your payment of {{amountDue}} for contract {{contract}}, pending since {{dueDate}}.

                        An advisor can help you agree a payment plan that fits your situation: reply to this email with a phone number and a time when we can call you, or write to us through the contact details below. You can also pay online at {{paymentLink}} with reference {{reference}}.

                        If you have already paid, thank you, and please ignore this message.

                        Kind regards,
                        {{company}}
                        {{companyContact}}

                        To stop receiving collection emails, reply with the word STOP."""),
                // carta-requerimiento (a formal request, two months overdue): when there is no postal address
                draft("carta-requerimiento", Channel.WHATSAPP, "es", false, null, """
                        Estimado(a) {{fullName}}, le escribe {{company}} por cuenta de {{creditor}}.
                        Le solicitamos formalmente ponerse al corriente: su contrato {{contract}} registra un saldo pendiente de {{amountDue}}, con vencimiento el {{dueDate}}.

                        {{settleConditions}}. Puede pagar aquí: {{paymentLink}} (referencia {{reference}}) o responder ASESOR para acordarlo. Si ya pagó, le agradecemos.
                        {{companyContact}}
                        Responda BAJA para no recibir más mensajes por este medio."""),
                draft("carta-requerimiento", Channel.WHATSAPP, "en", false, null, """
                        Dear {{fullName}}, this is {{company}} writing on behalf of {{creditor}}.
                        We formally ask you to bring your account up to date: your contract {{contract}} shows a pending balance of {{amountDue}}, due on {{dueDate}}.

                        {{settleConditions}}. You can pay here: {{paymentLink}} (reference {{reference}}) or reply AGENT to arrange it. If you have already paid, thank you.
                        {{companyContact}}
                        Reply STOP to stop receiving messages here."""),
                draft("carta-requerimiento", Channel.SMS, "es", false, null,
                        "{{company}}: le pedimos regularizar su saldo pendiente de {{amountDue}}, ref {{reference}}. Responda "
                        + "ASESOR para un plan o BAJA para no recibir SMS."),
                draft("carta-requerimiento", Channel.SMS, "en", false, null,
                        "{{company}}: we ask you to bring your pending balance of {{amountDue}} up to date, ref {{reference}}. "
                        + "Reply AGENT for a plan or STOP to opt out."),
                draft("carta-requerimiento", Channel.EMAIL, "es", false, "Requerimiento de pago del contrato {{contract}} · {{company}}", """
                        Estimado(a) {{fullName}}:

                        Le escribe {{company}}, por cuenta de {{creditor}}, acerca de su contrato {{contract}}. Al {{asOfDate}} su cuenta registra un saldo pendiente de {{amountDue}}, con vencimiento el {{dueDate}}, y le solicitamos formalmente ponerse al corriente.

                        {{settleConditions}}. Puede pagar en línea en {{paymentLink}} con la referencia {{reference}}, o responder a este correo para acordar un plan de pagos.

                        Si ya realizó su pago, le agradecemos y le pedimos no tomar en cuenta este mensaje. Si desea presentar una queja, puede acudir a la {{complaintsUnit}}.

                        Atentamente,
                        {{company}}
                        {{companyContact}}

                        Para no recibir más correos de cobranza, responda con la palabra BAJA."""),
                draft("carta-requerimiento", Channel.EMAIL, "en", false, "Payment request for contract {{contract}} · {{company}}", """
                        Dear {{fullName}},

                        This is {{company}}, writing on behalf of {{creditor}} about your contract {{contract}}. As of {{asOfDate}} your account shows a pending balance of {{amountDue}}, due on {{dueDate}}, and we formally ask you to bring it up to date.

                        {{settleConditions}}. You can pay online at {{paymentLink}} with reference {{reference}}, or reply to this email to agree a payment plan.

                        If you have already paid, thank you, and please disregard this message. If you wish to file a complaint, you can contact the {{complaintsUnit}}.

                        Kind regards,
                        {{company}}
                        {{companyContact}}

                        To stop receiving collection emails, reply with the word STOP."""),
                // guion-liquidacion (firm: an offer to settle, three months overdue): when there is no phone to call
                firm("guion-liquidacion", Channel.WHATSAPP, "es", null, """
                        {{fullName}}, le escribe {{company}} por cuenta de {{creditor}}.
                        Su contrato {{contract}} tiene un saldo vencido de {{amountDue}} desde el {{dueDate}}. Es importante resolverlo ahora: tenemos una propuesta para que liquide su cuenta.

                        {{settleConditions}}. Responda ASESOR para conocerla y formalizarla, o pague aquí: {{paymentLink}} (referencia {{reference}}).
                        {{companyContact}}
                        Responda BAJA para no recibir más mensajes por este medio."""),
                firm("guion-liquidacion", Channel.WHATSAPP, "en", null, """
                        {{fullName}}, this is {{company}} writing on behalf of {{creditor}}.
                        Your contract {{contract}} has an overdue balance of {{amountDue}} since {{dueDate}}. It is important to resolve it now: we have an offer for you to settle your account.

                        {{settleConditions}}. Reply AGENT to hear it and make it formal, or pay here: {{paymentLink}} (reference {{reference}}).
                        {{companyContact}}
                        Reply STOP to stop receiving messages here."""),
                firm("guion-liquidacion", Channel.SMS, "es", null,
                        "{{company}}: tenemos una propuesta para liquidar su saldo vencido de {{amountDue}}. Responda ASESOR "
                        + "hoy o BAJA para no recibir SMS."),
                firm("guion-liquidacion", Channel.SMS, "en", null,
                        "{{company}}: we have an offer to settle your overdue balance of {{amountDue}}. Reply AGENT today "
                        + "or STOP to opt out."),
                firm("guion-liquidacion", Channel.EMAIL, "es", "Propuesta para liquidar su contrato {{contract}} · {{company}}", """
                        Estimado(a) {{fullName}}:

                        Le escribe {{company}}, por cuenta de {{creditor}}. Su contrato {{contract}} tiene un saldo vencido de {{amountDue}} desde el {{dueDate}}, y es importante resolverlo ahora.

                        Tenemos una propuesta para que liquide su cuenta. {{settleConditions}}. Responda a este correo o comuníquese con nosotros por los medios de abajo para conocerla y formalizarla; también puede pagar en línea en {{paymentLink}} con la referencia {{reference}}.

                        Si ya realizó su pago, le agradecemos y le pedimos no tomar en cuenta este mensaje. Si desea presentar una queja, puede acudir a la {{complaintsUnit}}.

                        Atentamente,
                        {{company}}
                        {{companyContact}}

                        Para no recibir más correos de cobranza, responda con la palabra BAJA."""),
                firm("guion-liquidacion", Channel.EMAIL, "en", "An offer to settle your contract {{contract}} · {{company}}", """
                        Dear {{fullName}},

                        This is {{company}}, writing on behalf of {{creditor}}. Your contract {{contract}} has an overdue balance of {{amountDue}} since {{dueDate}}, and it is important to resolve it now.

                        We have an offer for you to settle your account. {{settleConditions}}. Reply to this email or contact us through the details below to hear it and make it formal; you can also pay online at {{paymentLink}} with reference {{reference}}.

                        If you have already paid, thank you, and please disregard this message. If you wish to file a complaint, you can contact the {{complaintsUnit}}.

                        Kind regards,
                        {{company}}
                        {{companyContact}}

                        To stop receiving collection emails, reply with the word STOP."""));
    }
}
