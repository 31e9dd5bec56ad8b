// Short names for the API's schemas, all generated from the OpenAPI description.
import type { components } from "./schema";

type Schemas = components["schemas"];

export type ConnectorView = Schemas["ConnectorView"];
export type ConfigField = Schemas["ConfigField"];
export type ConnectionView = Schemas["ConnectionView"];
export type TestEventResult = Schemas["TestEventResult"];
export type TenantView = Schemas["TenantView"];
export type EventView = Schemas["EventView"];
export type EventBody = Schemas["EventBody"];
export type NotificationTemplate = Schemas["NotificationTemplate"];
export type AttendeeView = Schemas["AttendeeView"];
export type ContactView = Schemas["ContactView"];
export type DeliveryView = Schemas["DeliveryView"];
export type MessageView = Schemas["MessageView"];
export type IncidentView = Schemas["IncidentView"];
export type TemplateView = Schemas["TemplateView"];
export type TemplateBody = Schemas["TemplateBody"];
export type Preview = Schemas["Preview"];
export type UserInfo = Schemas["UserInfo"];
export type NewUser = Schemas["NewUser"];
export type SubscriptionView = Schemas["SubscriptionView"];
